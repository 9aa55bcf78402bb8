package output

import (
	"bytes"
	"context"
	"testing"
)

// TestStoreBlocks: the tables read back from a spill file a few cells or months at a time are
// byte-identical to those read from memory in one block, raw rows included.
func TestStoreBlocks(t *testing.T) {
	res := syntheticResult(5)
	ctx := context.Background()
	write := func(st *Store) []byte {
		t.Helper()
		tb, err := NewTablesFrom(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		add := func(row csvRow) { b.Write(row.appendCSV(nil)) }
		if err := eachSeriesRow(ctx, st, tb.Bands, true, func(r *SeriesRow) error { add(r); return nil }); err != nil {
			t.Fatal(err)
		}
		if err := eachFlowRowFromStore(ctx, st, true, func(r *FlowRow) error { add(r); return nil }); err != nil {
			t.Fatal(err)
		}
		for i := range tb.Summary {
			add(&tb.Summary[i])
		}
		return b.Bytes()
	}
	mem, err := StoreResult(res)
	if err != nil {
		t.Fatal(err)
	}
	want := write(mem)

	disk, err := NewStore(res, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer disk.Close()
	for i := range res.Replicates {
		if err := disk.Add(&res.Replicates[i]); err != nil {
			t.Fatal(err)
		}
	}
	disk.block = 1 // one cell or one month per block
	if got := write(disk); !bytes.Equal(got, want) {
		t.Fatalf("tables read in small blocks from disk differ from tables read in one block (%d and %d bytes)", len(got), len(want))
	}
	if len(want) == 0 {
		t.Fatal("no rows")
	}
}

// TestStoreOrder: a replicate out of order is refused (the bands' raw rows would be mislabelled).
func TestStoreOrder(t *testing.T) {
	res := syntheticResult(3)
	st := NewMemoryStore(res)
	if err := st.Add(&res.Replicates[1]); err != nil {
		t.Fatal(err)
	}
	if err := st.Add(&res.Replicates[0]); err == nil {
		t.Fatal("replicate 0 after 1 accepted")
	}
}
