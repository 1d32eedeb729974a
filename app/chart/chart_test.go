package chart

import (
	"math"
	"reflect"
	"testing"
)

func TestCheckRefusesRowsThatDoNotFit(t *testing.T) {
	c := Chart{Title: "t", Categories: []string{"a", "b"}, Series: []Series{{Name: "s", Values: []float64{1}}}}
	if c.Check() == nil {
		t.Fatal("a series shorter than the categories passed")
	}
	c.Series[0].Values = []float64{1, math.Inf(1)}
	if c.Check() == nil {
		t.Fatal("an infinite value passed")
	}
	c.Series[0].Values = []float64{1, math.NaN()}
	c.Marked = []bool{true}
	if c.Check() == nil {
		t.Fatal("marks that do not fit passed")
	}
	c.Marked = nil
	if err := c.Check(); err != nil {
		t.Fatal(err)
	}
}

func TestRangeCoversStacksAndANegativeBalance(t *testing.T) {
	c := Chart{Kind: Stacked, Categories: []string{"w1", "w2"},
		Series:  []Series{{Values: []float64{3, 4}}, {Values: []float64{5, math.NaN()}}},
		Overlay: &Series{Values: []float64{-2, 1}}}
	if lo, hi := c.Range(); lo != -2 || hi != 8 {
		t.Fatalf("range %v..%v, want -2..8", lo, hi)
	}
	c.Kind = Bars
	if lo, hi := c.Range(); lo != -2 || hi != 5 {
		t.Fatalf("range %v..%v, want -2..5", lo, hi)
	}
}

func TestTicksAreRound(t *testing.T) {
	if got := Ticks(0, 87, 5); !reflect.DeepEqual(got, []float64{0, 25, 50, 75, 100}) {
		t.Fatalf("ticks %v", got)
	}
	if got := Ticks(-2, 8, 6); !reflect.DeepEqual(got, []float64{-2, 0, 2, 4, 6, 8}) {
		t.Fatalf("ticks %v", got)
	}
}
