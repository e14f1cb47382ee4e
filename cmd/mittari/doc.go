// Command mittari turns AMIF project reports into the programme's indicator and financial
// figures: `mittari run` is the nightly job, `mittari validate` checks files before they are sent,
// `mittari runs` lists what the recent runs did, and the stage commands run one stage alone.
package main
