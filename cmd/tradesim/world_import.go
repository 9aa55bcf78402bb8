package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tradesim/tradesim/scenarios/worlds"
)

type worldImportOptions struct {
	Flows, Map, Out            string
	Name, Currency             string
	BaseYear                   int
	Template                   string
	Tariffs, Sectors, Critical string
	Force                      bool
}

func newWorldImportCmd(s streams) *cobra.Command {
	opts := worldImportOptions{Template: worlds.DefaultName, Name: "imported"}
	cmd := &cobra.Command{
		Use:   "import --flows F [--map M] -o DIR",
		Short: "Aggregate your input-output table into a world folder",
		Long: `Read a multi-regional input-output table in long CSV form
  from_region,from_sector,to_region,to_use,value
(to_use is a sector or a final-demand column; values in one currency, zero rows may be left out,
repeated cells are added), aggregate it with a mapping file, check it, and write a world folder.

The mapping file (--map) has the header kind,from,to,share:
  region,DEU,EU,1          many source regions to one
  sector,C26,SEMI,0.3      one source sector split over several, shares summing to 1
  sector,C26,ELEC,0.7
  use,HFCE,HH,1            a final-demand column to a buyer: HH (households), GOV
                           (government) or INV (investment); FD is read as HH
  drop,TLS,                leave out every row naming the code (taxes, value added, totals)
  region,*,ROW             every source region not listed
Lines starting with # are comments. Without --map the codes are kept as they are (to_use HH, GOV,
INV or FD is final demand). Final-demand columns may hold negative values (inventory draws,
purchases abroad): they net against the other columns of the same buyer, and a cell still negative
is set to 0 and recorded in world.yaml's sources. Built-in maps: --map icio2023 aggregates the OECD
ICIO tables (2023 edition, 50 industries) to the default world's 7 regions and 13 sectors (HFCE,
NPISH, DPABR to HH; GGFC to GOV; GFCF, INVNT to INV); its splits of ICIO industries
(semiconductors and AI accelerators out of C26, rare earths, defence) are documented in the map.

Output is the row sum of each region-sector, so the row identities hold by construction; the
import fails, naming the region-sector and the amounts, if any has no output or negative value
added. Base tariffs, sector parameters and criticality come from --tariffs, --sectors and
--criticality files (formats as in a world folder) or, for codes it knows, from the --template
world ("default" unless "none"); a sector with parameters from neither is an error.`,
		Example: `  # the default world's own flows back into a world (codes kept): the same tables
  tradesim world export d && tradesim world import --flows d/flows.csv --name default -o d2
  # an OECD ICIO table in long form (USD millions) aggregated to the default world's 7 x 13
  tradesim world import --flows icio-2020-long.csv --map icio2023 --currency "USD millions" --base-year 2020 -o icio-world
  tradesim world import --flows my-table.csv --sectors my-params.csv --template none \
    --base-year 2022 --currency "EUR millions" -o my-world`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.Flows == "" || opts.Out == "" {
				return badInputf("world import needs --flows FILE and -o DIR (see 'tradesim world import --help')")
			}
			return runWorldImport(s, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Flows, "flows", "", "source table in long CSV (from_region,from_sector,to_region,to_use,value)")
	fl.StringVar(&opts.Map, "map", "", "mapping file (kind,from,to,share) or a built-in map (icio2023); omit to keep the codes")
	fl.StringVarP(&opts.Out, "output", "o", "", "world folder to write")
	fl.StringVar(&opts.Name, "name", opts.Name, "name of the new world")
	fl.IntVar(&opts.BaseYear, "base-year", 0, "base year (default: the template's)")
	fl.StringVar(&opts.Currency, "currency", "", `currency unit of the values, e.g. "USD millions" (default: the template's)`)
	fl.StringVar(&opts.Template, "template", opts.Template, `world giving tariffs, parameters and criticality for known codes, or "none"`)
	fl.StringVar(&opts.Tariffs, "tariffs", "", "base tariffs file (importer,exporter,sector,rate[,source])")
	fl.StringVar(&opts.Sectors, "sectors", "", "sector parameters file (sector,param,value,source)")
	fl.StringVar(&opts.Critical, "criticality", "", "criticality file (input,user,phi[,reason])")
	fl.BoolVar(&opts.Force, "force", false, "overwrite files in a non-empty output folder")
	return cmd
}

func source(path string) worlds.ImportSource {
	if path == "" {
		return worlds.ImportSource{}
	}
	return worlds.ImportSource{FS: os.DirFS(filepath.Dir(path)), Name: filepath.Base(path), Display: path}
}

func runWorldImport(s streams, opts worldImportOptions) error {
	for _, p := range []string{opts.Flows, opts.Tariffs, opts.Sectors, opts.Critical} {
		if p == "" {
			continue
		}
		if st, err := os.Stat(p); err != nil || st.IsDir() {
			return badInputf("%s: not a readable file", p)
		}
	}
	var tpl *worlds.Folder
	if opts.Template != "none" {
		var err error
		if tpl, err = resolveWorld(opts.Template); err != nil {
			return err
		}
	}
	m, err := readImportMap(opts.Map)
	if err != nil {
		return err
	}
	if opts.BaseYear == 0 && tpl == nil {
		return badInputf("without a template, give the base year with --base-year")
	}
	if opts.Currency == "" && tpl == nil {
		return badInputf(`without a template, give the currency with --currency, e.g. "USD millions"`)
	}
	f, err := worlds.Import(source(opts.Flows), m, worlds.ImportOptions{
		Name: opts.Name, BaseYear: opts.BaseYear, Currency: opts.Currency, Template: tpl,
		Tariffs: source(opts.Tariffs), Sectors: source(opts.Sectors), Criticality: source(opts.Critical),
	})
	if err != nil {
		return badInput(err)
	}
	if err := worlds.WriteDir(f, opts.Out, opts.Force); err != nil {
		return badInput(err)
	}
	w := f.World
	_, err = fmt.Fprintf(s.Out, "wrote world %q to %s: %d regions x %d sectors, digest %.12s\n",
		w.Name, opts.Out, w.R(), w.S(), worlds.Digest(w))
	return err
}

// readImportMap reads --map: a file, or the name of a built-in map (worlds.BuiltinMaps); "" keeps
// the codes.
func readImportMap(ref string) (*worlds.Mapping, error) {
	if ref == "" {
		return nil, nil
	}
	if st, err := os.Stat(ref); err == nil && !st.IsDir() {
		src := source(ref)
		m, err := worlds.ReadMapping(src.FS, src.Name, src.Display)
		if err != nil {
			return nil, badInput(err)
		}
		return m, nil
	}
	m, ok, err := worlds.ReadBuiltinMap(ref)
	if !ok {
		return nil, badInputf("--map %s: no such file, and no built-in map of that name (built-in: %s)",
			ref, strings.Join(worlds.BuiltinMaps(), ", "))
	}
	if err != nil {
		return nil, err // a shipped map that does not parse is a build error, not the user's
	}
	return m, nil
}
