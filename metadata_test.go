package duebook

import "testing"

func TestMetadataComesFromFyneAppToml(t *testing.T) {
	m := App()
	if m.ID != "app.duebook.desktop" || m.Name != "Duebook" || m.Version == "" || m.Build < 1 {
		t.Fatalf("metadata %+v", m)
	}
}
