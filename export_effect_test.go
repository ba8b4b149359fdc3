package regie

// TQuantile975 exposes the t-distribution's quantile to the tests of the
// effect.
var TQuantile975 = tQuantile975
