package charts

// transmissionsPage answers: which Art 42 transmissions there are, under which SFC2021 version
// name each is sent and by when, whether it passed its pre-send checks, whether it was sent,
// and which sent figures have moved since. Mittari does not record checks, sending or
// restatements yet (issue 12): those columns say so rather than show anything in their place.
type transmissionsPage struct {
	Chrome *chrome
	Rows   []transmissionRow
}

func (b *builder) transmissions(l *lang) transmissionsPage {
	p := transmissionsPage{}
	for _, c := range b.newestFirst() {
		p.Rows = append(p.Rows, b.transmissionRow(l, c))
	}
	p.Chrome = b.chrome(l, "transmissions.html", l.t("transmissions_heading"), "transmissions.html", false, false, nil)
	return p
}
