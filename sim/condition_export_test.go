package sim

// CompileConditionGeneric compiles a condition without the language checks, so that tests can
// compare the compiled probes with expr-lang's own evaluation of computed calls.
var CompileConditionGeneric = compileCondition
