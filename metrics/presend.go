package metrics

import (
	"time"

	"mittari/domain"
)

// The transmissions that were sent (out/sent/), as a run reads them, and what the run found about
// them and about the transmissions still to send: the pre-send checks (mart_presend_checks) and
// the figures that moved since a version was sent (mart_restatements).

// SentVersion is one transmission as it was sent: its SFC2021 version and work version, who
// prepared and approved it, when, and the moment its figures were computed as of.
type SentVersion struct {
	// Folder is its folder under out/sent/: the version ("202606") for work version 0, and the
	// version with the work version ("202606.1") for each one sent again after the Commission
	// returned it.
	Folder  string
	Version string
	Work    int
	Cutoff  domain.Cutoff
	SentAt  time.Time
	// PreparedBy and ApprovedBy are the two people of the four-eyes rule; Reason says why a work
	// version after the first was sent.
	PreparedBy, ApprovedBy, Reason string
	// FiguresAsOf is the moment the figures sent were computed as of: report versions and
	// register snapshots received after it moved them, if anything did.
	FiguresAsOf time.Time
	// Tables are the tables the folder holds, with the figure columns each file has (a file
	// with no row still says which figures it would have had).
	Tables []SentTable
}

// SentTable is one table of a sent folder: its file's name without extension ("indicators",
// "financial", "financial_by_intervention") and the figure columns its header has.
type SentTable struct {
	Name    string
	Figures []string
}

// SentFigure is one figure of a sent table as the file sent writes it: Table is the file's name
// without extension, SO the specific objective as written ("1" … "4", "TA"), Row the rest of
// the row's key (an indicator code, a support type, or "<dimension> <code>"), Figure the
// column, and Value the text sent ("" for an empty cell).
type SentFigure struct {
	Folder, Table, SO, Row, Figure, Value string
}

// Acknowledgement records that the managing authority saw a figure of a sent version restated
// to Value (its value at that version's cut-off when it was acknowledged). A restatement stays
// acknowledged while the figure keeps that value; if it moves again, it is open again.
type Acknowledgement struct {
	Folder, Table, SO, Row, Figure, Value string
}

// SentInputs is what the transform needs of the sent versions. State identifies them (the
// records and acknowledgements read): a command that decides on the figures of a generation
// made with another State must not trust its checks.
type SentInputs struct {
	Versions     []SentVersion
	Figures      []SentFigure
	Acknowledged []Acknowledgement
	State        string
}

// CheckFinding is one breach of a pre-send check at a cut-off (a row of mart_presend_checks),
// with the figures it compared as the transmission writes them. Which rule says what, and how
// severe it is, is the checks package's.
type CheckFinding struct {
	Cutoff domain.Cutoff
	Rule   string
	// Table is the transmission's file ("financial.csv"), or "register" or "reports" for what
	// lies behind them; SO, Row and Figure name the row and the column.
	Table, SO, Row, Figure string
	// Value is the figure's value; Bound what it was compared with (BoundFigure names it).
	Value, Bound, BoundFigure string
	// Detail is what else the message needs (a report, a sent version, a count).
	Detail string
}

// CheckCount is how many findings a rule has at a cut-off: the findings carried in Results are
// capped per rule and cut-off, the counts are not.
type CheckCount struct {
	Cutoff   domain.Cutoff
	Rule     string
	Findings int
}

// Restatement is a figure of a sent version whose value at that version's cut-off, computed
// again now, differs from the value sent (a row of mart_restatements).
type Restatement struct {
	Folder, Version string
	Work            int
	Cutoff          domain.Cutoff
	Table, SO, Row  string
	Figure          string
	// Sent is the value sent ("" when the row was not in the file sent); Now the value now
	// ("" when the row is not in the table any more).
	Sent, Now string
	// Acknowledged says the managing authority recorded this restatement at this value.
	Acknowledged bool
	// MovedBy lists what moved it since it was sent: report versions received since (file,
	// submitted_at, report) and register changes, at most a few; MovedByTotal counts them all.
	MovedBy      []string
	MovedByTotal int
}
