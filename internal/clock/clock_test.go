package clock

import (
	"testing"
	"time"
)

func TestFakeFiresInOrderAndOnlyWhenDue(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f := NewFake(t0)
	a, _ := f.After(2 * time.Minute)
	b, _ := f.At(t0.Add(time.Minute))
	c, stopC := f.After(time.Minute)
	stopC()
	f.Advance(time.Minute)
	select {
	case got := <-b:
		if !got.Equal(t0.Add(time.Minute)) {
			t.Fatalf("b fired at %s", got)
		}
	default:
		t.Fatal("b did not fire")
	}
	select {
	case <-a:
		t.Fatal("a fired early")
	case <-c:
		t.Fatal("stopped timer fired")
	default:
	}
	f.Advance(time.Minute)
	<-a
	if f.Timers() != 0 {
		t.Fatalf("%d timers left", f.Timers())
	}
	past, _ := f.At(t0)
	<-past // a time already passed fires at once
}
