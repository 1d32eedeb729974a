package ui

import (
	"testing"

	"duebook/app"
)

func TestActionTitlesReadNaturally(t *testing.T) {
	for _, c := range []struct {
		stage string
		ch    app.Channel
		want  string
	}{
		{"phone call", app.ChannelCall, ""},
		{"reminder 2", app.ChannelCall, " by phone"},
		{"reminder 1", app.ChannelLetter, " by letter"},
		{"courtesy email", app.ChannelEmail, ""},
		{"courtesy note", app.ChannelEmail, " by email"},
		{"final demand", app.ChannelBoth, " by letter and email"},
	} {
		if got := channelPhrase(app.Action{StageName: c.stage, Channel: c.ch}); got != c.want {
			t.Errorf("%s by %s: %q, want %q", c.stage, c.ch, got, c.want)
		}
	}
	if orNoReason("  ") != "no reason given" || orNoReason("insurer") != "insurer" {
		t.Error("a hold without a reason does not say so")
	}
}
