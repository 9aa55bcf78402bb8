// Package pipeline is the run pipeline of tradesim: load a scenario (a file or a built-in, with
// command-line overrides), run it with its replicates streamed to a spill store, and write the
// results folder (tables, charts and, last, the manifest). `tradesim run`, `compare`, `sweep`
// and the validation facts all go through it, so a scenario is loaded, run and written one way.
//
// It sits under output/ because writing results is most of what it does; it imports output,
// scenarios and sim, and nothing but package main imports it, so the arrows stay one-way:
// cmd -> output/pipeline -> {output, scenarios, sim}.
//
// Memory is flat in the number of replicates: sim.Run hands every replicate to the store as
// soon as it and every earlier one are done (sim.Options.OnReplicate), and the tables read the
// store back a block of series at a time (see output.Store for why a spill and not a quantile
// sketch). The bands are exact and byte-identical to a run held in memory.
package pipeline
