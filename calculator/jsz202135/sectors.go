package jsz202135

import "scaleup/calculator"

// The sector ids of clause 五, by priority field, in the order of
// content/data/sectors.yaml (the core reads no files: a test in build/site
// checks that both lists are the same). Ids are stable forever: shared links
// store them.
var sectorIDs = [...]struct {
	field calculator.PriorityField
	ids   []string
}{
	{calculator.PriorityFourFoundations, []string{"core-components", "basic-processes", "basic-materials", "technology-foundations"}},
	{calculator.PriorityMadeInChina2025, []string{"mic-new-it", "mic-cnc-robots", "mic-aerospace", "mic-marine", "mic-rail",
		"mic-vehicles", "mic-power", "mic-agri-machinery", "mic-new-materials", "mic-biomedicine"}},
	{calculator.PriorityShanxiStrategic, []string{"sx-xinchuang", "sx-semiconductors", "sx-big-data", "sx-optoelectronics",
		"sx-photovoltaics", "sx-carbon-materials", "sx-special-metals", "sx-bio-materials", "sx-rail-transit",
		"sx-coal-machinery", "sx-connected-nev", "sx-general-aviation", "sx-biomedicine-health", "sx-energy-environment"}},
}

// SectorIDs returns the sector ids of a priority field (nil for none or an
// unknown field).
func SectorIDs(f calculator.PriorityField) []string {
	for _, g := range sectorIDs {
		if g.field == f {
			return g.ids
		}
	}
	return nil
}

// sectorField returns the priority field a sector id belongs to, or "" when
// the id is not in any list.
func sectorField(id string) calculator.PriorityField {
	for _, g := range sectorIDs {
		for _, s := range g.ids {
			if s == id {
				return g.field
			}
		}
	}
	return ""
}
