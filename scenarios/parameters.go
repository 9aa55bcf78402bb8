package scenarios

import (
	"bytes"
	"encoding/json"

	"go.yaml.in/yaml/v3"
)

// Param is one parameter override: Key is name.SECTOR, name.* or a global name.
type Param struct {
	Key   string
	Value float64
}

// Parameters are parameter overrides in file order; the engine applies the wildcard keys
// (sigmaM.*) first, then the others, each group in file order, so a sector's own key wins.
type Parameters []Param

// MarshalJSON writes an object whose keys keep the file order.
func (p Parameters) MarshalJSON() ([]byte, error) {
	return orderedObject(len(p), func(i int) (string, any) { return p[i].Key, p[i].Value })
}

// JSONSchemaAlias makes the schema of the parameters block an object of numbers.
func (Parameters) JSONSchemaAlias() any { return map[string]float64{} }

func (p *Parameters) decodeYAML(d *decoder, n *yaml.Node, path string) {
	d.mapping(n, path, func(key string, kn, vn *yaml.Node, kpath string) {
		var v float64
		if d.number(vn, kpath, &v) {
			*p = append(*p, Param{Key: key, Value: v})
		}
	})
}

// UncertainParam is one entry of the uncertainty block: the parameter(s) Key names are
// multiplied, once per replicate, by a draw from the distribution.
type UncertainParam struct {
	Key string
	DistSpec
}

// Uncertainty is the uncertainty block in file order.
type Uncertainty []UncertainParam

// MarshalJSON writes an object whose keys keep the file order.
func (u Uncertainty) MarshalJSON() ([]byte, error) {
	return orderedObject(len(u), func(i int) (string, any) { return u[i].Key, u[i].DistSpec })
}

// JSONSchemaAlias makes the schema of the uncertainty block an object of DistSpec, generated
// from DistSpec's own tags like every other part of the schema.
func (Uncertainty) JSONSchemaAlias() any { return map[string]DistSpec{} }

func (u *Uncertainty) decodeYAML(d *decoder, n *yaml.Node, path string) {
	d.mapping(n, path, func(key string, kn, vn *yaml.Node, kpath string) {
		var ds DistSpec
		if d.decodeValue(vn, &ds, kpath) {
			*u = append(*u, UncertainParam{Key: key, DistSpec: ds})
		}
	})
}

func orderedObject(n int, kv func(i int) (string, any)) ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i := range n {
		k, v := kv(i)
		if i > 0 {
			b.WriteByte(',')
		}
		kb, err := json.Marshal(k)
		if err != nil {
			return nil, err
		}
		vb, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		b.Write(kb)
		b.WriteByte(':')
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
