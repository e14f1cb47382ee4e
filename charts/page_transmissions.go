package charts

// transmissionsPage answers: which Art 42 transmissions there are, under which SFC2021 version
// name each is sent and by when, whether it passed its pre-send checks (and what they found),
// whether it was sent, and which sent figures have moved since.
type transmissionsPage struct {
	Chrome  *chrome
	Rows    []transmissionRow
	Details []checkDetails
}

func (b *builder) transmissions(l *lang) transmissionsPage {
	p := transmissionsPage{}
	for _, c := range b.newestFirst() {
		p.Rows = append(p.Rows, b.transmissionRow(l, c))
	}
	p.Details = b.checkDetails(l)
	p.Chrome = b.chrome(l, "transmissions.html", l.t("transmissions_heading"), "transmissions.html", false, false, nil)
	return p
}
