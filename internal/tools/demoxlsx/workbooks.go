// Code generated from the demo inbox's report plan; edit the values here, then run
// `go run ./internal/tools/demoxlsx` to rewrite the XLSX files. DO NOT EDIT the XLSX files by hand.

package main

// workbooks are the demo inbox's XLSX reports: one file each, one or more reports per sheet.
var workbooks = []workbook{
	{
		Path:      "reports/espoo/espoo-school-2025-H2.xlsx",
		DateCells: false,
		Reports: []report{
			{ProjectID: "AMIF-2025-003", PeriodStart: "2025-08-01", PeriodEnd: "2025-12-31", SubmittedAt: "2026-01-27T15:15:00+02:00", Items: []item{
				{"O.2.2", "0"},
				{"O.2.3", "47"},
				{"O.2.3.3", "18"},
				{"O.2.7", "0"},
				{"R.2.9", "27"},
				{"expenditure_eur", "112041.33"},
			}},
		},
	},
	{
		Path:      "reports/espoo/espoo-school-2026-H1.xlsx",
		DateCells: false,
		Reports: []report{
			{ProjectID: "AMIF-2025-003", PeriodStart: "2026-01-01", PeriodEnd: "2026-06-30", SubmittedAt: "2026-08-20T10:15:00+03:00", Items: []item{
				{"O.2.2", "0"},
				{"O.2.3", "56"},
				{"O.2.3.3", "21"},
				{"O.2.7", "0"},
				{"R.2.9", "33"},
				{"expenditure_eur", "135940.18"},
			}},
		},
	},
	{
		Path:      "reports/helsinki/helsinki-families-2024-H1.xlsx",
		DateCells: false,
		Reports: []report{
			{ProjectID: "AMIF-2024-003", PeriodStart: "2024-01-01", PeriodEnd: "2024-06-30", SubmittedAt: "2024-07-17T13:50:00+03:00", Items: []item{
				{"O.2.2", "0"},
				{"O.2.3", "124"},
				{"O.2.3.3", "36"},
				{"O.2.5", "23"},
				{"O.2.7", "0"},
				{"R.2.9", "70"},
				{"expenditure_eur", "192946.59"},
			}},
		},
	},
	{
		Path:      "reports/helsinki/helsinki-families-2024-H2.xlsx",
		DateCells: false,
		Reports: []report{
			{ProjectID: "AMIF-2024-003", PeriodStart: "2024-07-01", PeriodEnd: "2024-12-31", SubmittedAt: "2025-02-06T08:10:00+02:00", Items: []item{
				{"O.2.2", "0"},
				{"O.2.3", "153"},
				{"O.2.3.3", "45"},
				{"O.2.5", "28"},
				{"O.2.7", "0"},
				{"R.2.9", "87"},
				{"expenditure_eur", "238605.46"},
			}},
		},
	},
	{
		Path:      "reports/helsinki/helsinki-families-2025-H1.xlsx",
		DateCells: false,
		Reports: []report{
			{ProjectID: "AMIF-2024-003", PeriodStart: "2025-01-01", PeriodEnd: "2025-06-30", SubmittedAt: "2025-08-25T12:05:00+03:00", Items: []item{
				{"O.2.2", "1"},
				{"O.2.3", "166"},
				{"O.2.3.3", "49"},
				{"O.2.5", "30"},
				{"O.2.7", "1"},
				{"R.2.9", "94"},
				{"expenditure_eur", "259624.78"},
			}},
		},
	},
	{
		Path:      "reports/helsinki/helsinki-families-2025-H2.xlsx",
		DateCells: false,
		Reports: []report{
			{ProjectID: "AMIF-2024-003", PeriodStart: "2025-07-01", PeriodEnd: "2025-12-31", SubmittedAt: "2026-02-24T09:05:00+02:00", Items: []item{
				{"O.2.2", "0"},
				{"O.2.3", "119"},
				{"O.2.3.3", "35"},
				{"O.2.5", "22"},
				{"O.2.7", "0"},
				{"R.2.9", "67"},
				{"expenditure_eur", "185062.42"},
			}},
		},
	},
	{
		Path:      "reports/helsinki/helsinki-families-2026-H1.xlsx",
		DateCells: false,
		Reports: []report{
			{ProjectID: "AMIF-2024-003", PeriodStart: "2026-01-01", PeriodEnd: "2026-06-30", SubmittedAt: "2026-08-09T13:50:00+03:00", Items: []item{
				{"O.2.2", "0"},
				{"O.2.3", "130"},
				{"O.2.3.3", "38"},
				{"O.2.5", "24"},
				{"O.2.7", "0"},
				{"R.2.9", "74"},
				{"expenditure_eur", "202923.75"},
			}},
		},
	},
	{
		Path:      "reports/migri/2023/migri-operating-2023-H1.xlsx",
		DateCells: true,
		Reports: []report{
			{ProjectID: "AMIF-2022-003", PeriodStart: "2023-01-01", PeriodEnd: "2023-06-30", SubmittedAt: "2023-07-21T14:05:00+03:00", Items: []item{
				{"O.1.1", "877"},
				{"expenditure_eur", "337207.45"},
			}},
			{ProjectID: "AMIF-2022-004", PeriodStart: "2023-01-01", PeriodEnd: "2023-06-30", SubmittedAt: "2023-08-22T13:30:00+03:00", Items: []item{
				{"O.3.3", "79"},
				{"R.3.6", "155"},
				{"expenditure_eur", "167201.75"},
			}},
			{ProjectID: "AMIF-2023-003", PeriodStart: "2023-03-01", PeriodEnd: "2023-06-30", SubmittedAt: "2023-08-19T11:40:00+03:00", Items: []item{
				{"expenditure_eur", "229523.01"},
			}},
		},
	},
	{
		Path:      "reports/migri/2023/migri-operating-2023-H2.xlsx",
		DateCells: true,
		Reports: []report{
			{ProjectID: "AMIF-2022-003", PeriodStart: "2023-07-01", PeriodEnd: "2023-12-31", SubmittedAt: "2024-02-20T14:15:00+02:00", Items: []item{
				{"O.1.1", "788"},
				{"expenditure_eur", "302837.48"},
			}},
			{ProjectID: "AMIF-2022-004", PeriodStart: "2023-07-01", PeriodEnd: "2023-12-31", SubmittedAt: "2024-01-28T16:45:00+02:00", Items: []item{
				{"O.3.3", "75"},
				{"R.3.6", "146"},
				{"expenditure_eur", "157682.19"},
			}},
			{ProjectID: "AMIF-2023-003", PeriodStart: "2023-07-01", PeriodEnd: "2023-12-31", SubmittedAt: "2024-02-22T10:05:00+02:00", Items: []item{
				{"expenditure_eur", "281895.16"},
			}},
		},
	},
	{
		Path:      "reports/migri/2024/migri-operating-2024-H1.xlsx",
		DateCells: false,
		Reports: []report{
			{ProjectID: "AMIF-2022-003", PeriodStart: "2024-01-01", PeriodEnd: "2024-06-30", SubmittedAt: "2024-07-18T12:05:00+03:00", Items: []item{
				{"O.1.1", "735"},
				{"expenditure_eur", "282423.25"},
			}},
			{ProjectID: "AMIF-2022-004", PeriodStart: "2024-01-01", PeriodEnd: "2024-06-30", SubmittedAt: "2024-07-18T12:50:00+03:00", Items: []item{
				{"O.3.3", "51"},
				{"R.3.6", "100"},
				{"expenditure_eur", "108238.25"},
			}},
			{ProjectID: "AMIF-2023-003", PeriodStart: "2024-01-01", PeriodEnd: "2024-06-30", SubmittedAt: "2024-07-21T11:10:00+03:00", Items: []item{
				{"expenditure_eur", "263471.70"},
			}},
		},
	},
	{
		Path:      "reports/migri/2024/migri-operating-2024-H2.xlsx",
		DateCells: false,
		Reports: []report{
			{ProjectID: "AMIF-2022-003", PeriodStart: "2024-07-01", PeriodEnd: "2024-12-31", SubmittedAt: "2025-01-21T11:20:00+02:00", Items: []item{
				{"O.1.1", "906"},
				{"expenditure_eur", "348199.08"},
			}},
			{ProjectID: "AMIF-2022-004", PeriodStart: "2024-07-01", PeriodEnd: "2024-12-31", SubmittedAt: "2025-02-08T11:40:00+02:00", Items: []item{
				{"O.3.3", "71"},
				{"R.3.6", "139"},
				{"expenditure_eur", "149928.22"},
			}},
			{ProjectID: "AMIF-2023-003", PeriodStart: "2024-07-01", PeriodEnd: "2024-12-31", SubmittedAt: "2025-02-21T13:30:00+02:00", Items: []item{
				{"expenditure_eur", "330962.22"},
			}},
		},
	},
	{
		Path:      "reports/migri/2025/migri-operating-2025-H1.xlsx",
		DateCells: true,
		Reports: []report{
			{ProjectID: "AMIF-2022-003", PeriodStart: "2025-01-01", PeriodEnd: "2025-06-30", SubmittedAt: "2025-08-03T10:30:00+03:00", Items: []item{
				{"O.1.1", "980"},
				{"expenditure_eur", "376878.50"},
			}},
			{ProjectID: "AMIF-2023-003", PeriodStart: "2025-01-01", PeriodEnd: "2025-06-30", SubmittedAt: "2025-08-11T11:10:00+03:00", Items: []item{
				{"expenditure_eur", "249251.83"},
			}},
			{ProjectID: "AMIF-2025-001", PeriodStart: "2025-01-01", PeriodEnd: "2025-06-30", SubmittedAt: "2025-08-07T12:30:00+03:00", Items: []item{
				{"O.1.1", "332"},
				{"O.1.1.1", "170"},
				{"O.1.3", "45"},
				{"O.1.3.1", "5"},
				{"expenditure_eur", "1100066.59"},
			}},
		},
	},
	{
		Path:      "reports/migri/2025/migri-operating-2025-H2.xlsx",
		DateCells: true,
		Reports: []report{
			{ProjectID: "AMIF-2022-003", PeriodStart: "2025-07-01", PeriodEnd: "2025-12-31", SubmittedAt: "2026-01-15T11:45:00+02:00", Items: []item{
				{"O.1.1", "793"},
				{"expenditure_eur", "304767.47"},
			}},
			{ProjectID: "AMIF-2023-003", PeriodStart: "2025-07-01", PeriodEnd: "2025-12-31", SubmittedAt: "2026-02-01T11:10:00+02:00", Items: []item{
				{"expenditure_eur", "291775.14"},
			}},
			{ProjectID: "AMIF-2025-001", PeriodStart: "2025-07-01", PeriodEnd: "2025-12-31", SubmittedAt: "2026-01-19T16:50:00+02:00", Items: []item{
				{"O.1.1", "447"},
				{"O.1.1.1", "228"},
				{"O.1.3", "60"},
				{"O.1.3.1", "6"},
				{"expenditure_eur", "1481557.68"},
			}},
		},
	},
	{
		Path:      "reports/migri/2026/migri-operating-2026-H1.xlsx",
		DateCells: false,
		Reports: []report{
			{ProjectID: "AMIF-2023-003", PeriodStart: "2026-01-01", PeriodEnd: "2026-02-28", SubmittedAt: "2026-04-03T15:50:00+03:00", Items: []item{
				{"expenditure_eur", "68889.01"},
			}},
			{ProjectID: "AMIF-2025-001", PeriodStart: "2026-01-01", PeriodEnd: "2026-06-30", SubmittedAt: "2026-07-17T12:30:00+03:00", Items: []item{
				{"O.1.1", "330"},
				{"O.1.1.1", "169"},
				{"O.1.3", "45"},
				{"O.1.3.1", "4"},
				{"expenditure_eur", "1096239.07"},
			}},
		},
	},
	{
		Path:      "reports/police/police-pact-return-2025-H1.xlsx",
		DateCells: true,
		Reports: []report{
			{ProjectID: "AMIF-2025-002", PeriodStart: "2025-03-01", PeriodEnd: "2025-06-30", SubmittedAt: "2025-07-18T11:15:00+03:00", Items: []item{
				{"O.3.1", "20"},
				{"O.3.2", "6"},
				{"O.3.2.1", "1"},
				{"expenditure_eur", "209343.65"},
			}},
		},
	},
	{
		Path:      "reports/police/police-pact-return-2025-H2.xlsx",
		DateCells: true,
		Reports: []report{
			{ProjectID: "AMIF-2025-002", PeriodStart: "2025-07-01", PeriodEnd: "2025-12-31", SubmittedAt: "2026-01-17T09:45:00+02:00", Items: []item{
				{"O.3.1", "30"},
				{"O.3.2", "10"},
				{"O.3.2.1", "2"},
				{"expenditure_eur", "310817.01"},
			}},
		},
	},
	{
		Path:      "reports/police/police-pact-return-2026-H1.xlsx",
		DateCells: true,
		Reports: []report{
			{ProjectID: "AMIF-2025-002", PeriodStart: "2026-01-01", PeriodEnd: "2026-06-30", SubmittedAt: "2026-07-22T16:40:00+03:00", Items: []item{
				{"O.3.1", "28"},
				{"O.3.2", "9"},
				{"O.3.2.1", "1"},
				{"expenditure_eur", "290757.68"},
			}},
		},
	},
	{
		Path:      "reports/tampere/tampere-civic-orientation-2023-H2.xlsx",
		DateCells: true,
		Reports: []report{
			{ProjectID: "AMIF-2023-011", PeriodStart: "2023-08-01", PeriodEnd: "2023-12-31", SubmittedAt: "2024-01-23T16:30:00+02:00", Items: []item{
				{"O.2.2", "0"},
				{"O.2.3", "96"},
				{"O.2.3.1", "69"},
				{"O.2.3.2", "76"},
				{"O.2.7", "0"},
				{"R.2.8", "26"},
				{"expenditure_eur", "144719.11"},
			}},
		},
	},
	{
		Path:      "reports/tampere/tampere-civic-orientation-2024-H1.xlsx",
		DateCells: true,
		Reports: []report{
			{ProjectID: "AMIF-2023-011", PeriodStart: "2024-01-01", PeriodEnd: "2024-06-30", SubmittedAt: "2024-08-14T13:10:00+03:00", Items: []item{
				{"O.2.2", "0"},
				{"O.2.3", "95"},
				{"O.2.3.1", "68"},
				{"O.2.3.2", "75"},
				{"O.2.7", "0"},
				{"R.2.8", "26"},
				{"expenditure_eur", "142070.52"},
			}},
		},
	},
	{
		Path:      "reports/tampere/tampere-civic-orientation-2024-H2-korjattu.xlsx",
		DateCells: true,
		Reports: []report{
			{ProjectID: "AMIF-2023-011", PeriodStart: "2024-07-01", PeriodEnd: "2024-12-31", SubmittedAt: "2025-03-14T13:20:00+02:00", Items: []item{
				{"O.2.2", "0"},
				{"O.2.3", "114"},
				{"O.2.3.1", "82"},
				{"O.2.7", "0"},
				{"R.2.8", "29"},
				{"expenditure_eur", "163359.88"},
			}},
		},
	},
	{
		Path:      "reports/tampere/tampere-civic-orientation-2024-H2.xlsx",
		DateCells: true,
		Reports: []report{
			{ProjectID: "AMIF-2023-011", PeriodStart: "2024-07-01", PeriodEnd: "2024-12-31", SubmittedAt: "2025-02-10T10:15:00+02:00", Items: []item{
				{"O.2.2", "0"},
				{"O.2.3", "108"},
				{"O.2.3.1", "78"},
				{"O.2.3.2", "86"},
				{"O.2.7", "0"},
				{"R.2.8", "29"},
				{"expenditure_eur", "162125.32"},
			}},
		},
	},
	{
		Path:      "reports/tampere/tampere-civic-orientation-2025-H1.xlsx",
		DateCells: true,
		Reports: []report{
			{ProjectID: "AMIF-2023-011", PeriodStart: "2025-01-01", PeriodEnd: "2025-06-30", SubmittedAt: "2025-07-16T09:50:00+03:00", Items: []item{
				{"O.2.2", "1"},
				{"O.2.3", "109"},
				{"O.2.3.1", "78"},
				{"O.2.3.2", "86"},
				{"O.2.7", "1"},
				{"R.2.8", "29"},
				{"expenditure_eur", "163194.82"},
			}},
		},
	},
	{
		Path:      "reports/tampere/tampere-civic-orientation-2025-H2.xlsx",
		DateCells: true,
		Reports: []report{
			{ProjectID: "AMIF-2023-011", PeriodStart: "2025-07-01", PeriodEnd: "2025-12-31", SubmittedAt: "2026-02-04T08:00:00+02:00", Items: []item{
				{"O.2.2", "0"},
				{"O.2.3", "76"},
				{"O.2.3.1", "55"},
				{"O.2.3.2", "60"},
				{"O.2.7", "0"},
				{"R.2.8", "21"},
				{"expenditure_eur", "113772.20"},
			}},
		},
	},
}
