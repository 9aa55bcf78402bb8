package build

import (
	"github.com/tradesim/tradesim/scenarios/worlds"
	"github.com/tradesim/tradesim/sim"
)

func parseQuantity(s string, w *sim.World) (worlds.Quantity, error) {
	return worlds.ParseQuantity(s, w)
}
