package scenarios

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestLatinHypercubeStrata: each of the n equal strata of every dimension holds exactly one point.
func TestLatinHypercubeStrata(t *testing.T) {
	for _, n := range []int{1, 7, 100} {
		k := 4
		pts := LatinHypercube(n, k, rand.NewPCG(3, 4))
		if len(pts) != n {
			t.Fatalf("%d points, want %d", len(pts), n)
		}
		for i := range k {
			hit := make([]int, n)
			for _, p := range pts {
				s := int(math.Floor(p[i] * float64(n)))
				if p[i] < 0 || p[i] >= 1 {
					t.Fatalf("value %g outside [0, 1)", p[i])
				}
				hit[s]++
			}
			for s, h := range hit {
				if h != 1 {
					t.Errorf("n=%d, dimension %d: stratum %d holds %d points, want 1", n, i, s, h)
				}
			}
		}
	}
}

// TestMorrisTrajectories: every trajectory moves each factor exactly once by Delta, and stays
// on the grid inside the unit cube.
func TestMorrisTrajectories(t *testing.T) {
	r, k, p := 10, 5, 4
	pts := MorrisPoints(r, k, p, rand.NewPCG(1, 1))
	if len(pts) != r*(k+1) {
		t.Fatalf("%d points, want %d", len(pts), r*(k+1))
	}
	delta := MorrisDelta(p)
	for j := range r {
		moved := map[int]bool{}
		for s := 1; s <= k; s++ {
			a, b := pts[j*(k+1)+s-1], pts[j*(k+1)+s]
			changed := -1
			for i := range k {
				if a[i] != b[i] {
					if changed >= 0 {
						t.Fatalf("trajectory %d step %d moves two factors", j, s)
					}
					changed = i
					if math.Abs(math.Abs(b[i]-a[i])-delta) > 1e-12 || b[i] < -1e-12 || b[i] > 1+1e-12 {
						t.Fatalf("trajectory %d step %d: %g -> %g is not a step of %g inside [0, 1]", j, s, a[i], b[i], delta)
					}
				}
			}
			if changed < 0 || moved[changed] {
				t.Fatalf("trajectory %d step %d moves factor %d again or none", j, s, changed)
			}
			moved[changed] = true
		}
	}
}

// TestSaltelliLayout: per base point, A, B, then AB^(i) equal to A but for column i from B.
func TestSaltelliLayout(t *testing.T) {
	n, k := 8, 3
	pts := SaltelliPoints(n, k, rand.NewPCG(1, 2))
	if len(pts) != n*(k+2) {
		t.Fatalf("%d points, want %d", len(pts), n*(k+2))
	}
	for j := range n {
		a, b := pts[j*(k+2)], pts[j*(k+2)+1]
		for i := range k {
			ab := pts[j*(k+2)+2+i]
			for c := range k {
				want := a[c]
				if c == i {
					want = b[c]
				}
				if ab[c] != want {
					t.Fatalf("point %d, AB^(%d)[%d] = %g, want %g", j, i, c, ab[c], want)
				}
			}
		}
	}
}
