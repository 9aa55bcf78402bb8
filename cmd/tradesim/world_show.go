package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/tradesim/tradesim/scenarios/diag"
	"github.com/tradesim/tradesim/scenarios/worlds"
	"github.com/tradesim/tradesim/sim"
)

type worldShowOptions struct {
	World   string
	Top     int
	Sectors []string
}

func newWorldShowCmd(s streams) *cobra.Command {
	opts := worldShowOptions{World: worlds.DefaultName, Top: 15}
	cmd := &cobra.Command{
		Use:   "show [--world W]",
		Short: "Print a world's output, value added, trade, final demand, labour markets and largest routes",
		Long: `Print a world as aligned tables, in its currency a year: gross output, value added, exports and
imports by region and sector; final demand by buyer (households HH, government GOV, investment
INV) with its share of GDP and each region's labour market (a "-" takes the engine's default);
then the largest bilateral routes by sector. Exports are sales to every other region,
intermediate and final; value added is output less inputs with tariffs.`,
		Example: `  tradesim world show
  tradesim world show --sector REE --top 8      # who sells rare earths to whom
  tradesim world show --world my-world --top 30`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.Top < 0 {
				return badInputf("--top must be 0 or more, not %d", opts.Top)
			}
			f, err := resolveWorld(opts.World)
			if err != nil {
				return err
			}
			var only []int
			for _, c := range opts.Sectors {
				j, ok := f.World.SectorIndex(c)
				if !ok {
					return badInputf("--sector: unknown sector %q; %s", c, diag.DidYouMean(c, f.World.SectorCodes()))
				}
				only = append(only, j)
			}
			return showWorld(s.Out, f.World, opts.Top, only)
		},
	}
	cmd.Flags().StringVar(&opts.World, "world", opts.World, `"default" or a world folder`)
	cmd.Flags().IntVar(&opts.Top, "top", opts.Top, "number of largest routes to list")
	cmd.Flags().StringSliceVar(&opts.Sectors, "sector", nil, "list only the routes of these sectors (repeat or separate with commas)")
	return cmd
}

// showWorld writes the tables of world show.
// only, when not empty, limits the routes table to those sector ids.
func showWorld(out io.Writer, w *sim.World, top int, only []int) error {
	R, S := w.R(), w.S()
	var b strings.Builder
	fmt.Fprintf(&b, "World %s: %d regions x %d sectors, base year %d, %s a year\n", w.Name, R, S, w.BaseYear, w.Currency)
	fmt.Fprintf(&b, "Digest %s\n", worlds.Digest(w))
	sales := func(o, i, d int) float64 {
		v := w.FinalDemand(o, i, d)
		for j := range S {
			v += w.Z[w.ZIndex(o, i, d, j)]
		}
		return v
	}
	tables := []struct {
		title string
		cell  func(r, i int) float64
	}{
		{"Gross output", w.Output},
		{"Value added (the total is GDP)", w.ValueAdded},
		{"Exports (sales to other regions)", func(r, i int) float64 {
			var v float64
			for d := range R {
				if d != r {
					v += sales(r, i, d)
				}
			}
			return v
		}},
		{"Imports (purchases from other regions)", func(r, i int) float64 {
			var v float64
			for o := range R {
				if o != r {
					v += sales(o, i, r)
				}
			}
			return v
		}},
	}
	for _, t := range tables {
		fmt.Fprintf(&b, "\n%s\n", t.title)
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprint(tw, "\t")
		for _, s := range w.Sectors {
			fmt.Fprintf(tw, "%s\t", s.Code)
		}
		fmt.Fprint(tw, "total\t\n")
		colTot := make([]float64, S+1)
		for r := range R {
			fmt.Fprintf(tw, "%s\t", w.Regions[r].Code)
			var tot float64
			for i := range S {
				v := t.cell(r, i)
				tot += v
				colTot[i] += v
				fmt.Fprintf(tw, "%s\t", amount(v))
			}
			colTot[S] += tot
			fmt.Fprintf(tw, "%s\t\n", amount(tot))
		}
		fmt.Fprint(tw, "world\t")
		for _, v := range colTot {
			fmt.Fprintf(tw, "%s\t", amount(v))
		}
		fmt.Fprint(tw, "\n")
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if err := showBuyersAndLabour(&b, w); err != nil {
		return err
	}
	type route struct {
		o, d, i int
		v       float64
	}
	var routes []route
	for o := range R {
		for d := range R {
			if o == d {
				continue
			}
			for i := range S {
				if len(only) > 0 && !slices.Contains(only, i) {
					continue
				}
				if v := sales(o, i, d); v > 0 {
					routes = append(routes, route{o, d, i, v})
				}
			}
		}
	}
	// Largest first; ties in id order so the listing is stable.
	slices.SortStableFunc(routes, func(a, c route) int {
		switch {
		case a.v > c.v:
			return -1
		case a.v < c.v:
			return 1
		}
		return 0
	})
	if top > 0 {
		fmt.Fprintf(&b, "\nLargest routes (exporter -> importer, sector)\n")
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprint(tw, "rank\texporter\timporter\tsector\tvalue\tshare of importer's imports\t\n")
		for k := 0; k < top && k < len(routes); k++ {
			r := routes[k]
			var imp float64
			for o := range R {
				if o != r.d {
					imp += sales(o, r.i, r.d)
				}
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%.1f%%\t\n", k+1, w.Regions[r.o].Code, w.Regions[r.d].Code,
				w.Sectors[r.i].Code, amount(r.v), 100*r.v/imp)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	_, err := io.WriteString(out, b.String())
	return err
}

// showBuyersAndLabour writes each region's final demand by buyer (and its share of GDP) and its
// labour market; labour fields the world leaves at 0 take the engine's defaults ("-").
func showBuyersAndLabour(b *strings.Builder, w *sim.World) error {
	fmt.Fprintf(b, "\nFinal demand by buyer (share of GDP) and labour markets\n")
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "\t")
	for _, c := range sim.BuyerCodes {
		fmt.Fprintf(tw, "%s\t", c)
	}
	fmt.Fprint(tw, "labour force (m)\tunemployment\tfloor\tjob finding a month\t\n")
	pct := func(x float64) string {
		if x == 0 {
			return "-"
		}
		return fmt.Sprintf("%.1f%%", 100*x)
	}
	plain := func(x float64) string {
		if x == 0 {
			return "-"
		}
		return fmt.Sprintf("%g", x)
	}
	for r := range w.R() {
		var gdp float64
		for i := range w.S() {
			gdp += w.ValueAdded(r, i)
		}
		fmt.Fprintf(tw, "%s\t", w.Regions[r].Code)
		for bu := range sim.NumBuyers {
			var y float64
			for o := range w.R() {
				for i := range w.S() {
					y += w.Y[w.YIndex(o, i, r, bu)]
				}
			}
			fmt.Fprintf(tw, "%s (%.0f%%)\t", amount(y), 100*y/gdp)
		}
		lab := w.Labour[r]
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", plain(lab.Force), pct(lab.Unemployment), pct(lab.Floor), plain(lab.JobFinding))
	}
	return tw.Flush()
}

// amount formats a flow for a table: one decimal from 100 up, more below so small sectors such as
// rare earths stay visible.
func amount(v float64) string {
	switch {
	case v == 0:
		return "0"
	case v >= 100:
		return fmt.Sprintf("%.1f", v)
	case v >= 1:
		return fmt.Sprintf("%.2f", v)
	default:
		return fmt.Sprintf("%.3f", v)
	}
}
