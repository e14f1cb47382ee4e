package charts

// transmissionsPage answers: which Art 42 transmissions there are, under which SFC2021 version
// name each is sent and by when, whether it passed its pre-send checks, whether it was sent,
// and which sent figures have moved since. Until Mittari records checks, sending and
// restatements (issue 12, Input.Transmissions) those columns say so rather than show anything
// in their place, and the page says why (Unrecorded).
type transmissionsPage struct {
	Chrome     *chrome
	Rows       []transmissionRow
	Unrecorded bool
}

func (b *builder) transmissions(l *lang) transmissionsPage {
	p := transmissionsPage{Unrecorded: len(b.in.Transmissions) == 0}
	for _, c := range b.newestFirst() {
		p.Rows = append(p.Rows, b.transmissionRow(l, c))
	}
	p.Chrome = b.chrome(l, "transmissions.html", l.t("transmissions_heading"), "transmissions.html", false, false, nil)
	return p
}
