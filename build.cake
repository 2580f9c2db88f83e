// Build tasks. CI runs `.ci/run`, which runs the same `dotnet test` as the Test task.
// Usage: dotnet tool restore && dotnet cake --target=<Task>

var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
var solution = "./PhiGate.slnx";
var sharedCases = "../shared/conformance/opa/cases";

Task("Restore")
    .Description("Restores NuGet packages for the whole solution.")
    .Does(() => DotNetRestore(solution));

Task("Build")
    .Description("Builds every project with warnings as errors.")
    .IsDependentOn("Restore")
    .Does(() => DotNetBuild(solution, new DotNetBuildSettings { Configuration = configuration, NoRestore = true }));

Task("Test")
    .Description("Runs every test project; fixtures start Redis and the identity provider on loopback.")
    .IsDependentOn("Build")
    .Does(() => DotNetTest(solution, new DotNetTestSettings { Configuration = configuration, NoBuild = true, NoRestore = true }));

Task("Conformance")
    .Description("Runs OPA's conformance cases from ../shared and prints the pass rate.")
    .IsDependentOn("Build")
    .Does(() => DotNetRun("./tools/PhiGate.Conformance/PhiGate.Conformance.csproj",
        new ProcessArgumentBuilder().Append("--cases").AppendQuoted(sharedCases).Append("--report").AppendQuoted("artifacts/conformance.json"),
        new DotNetRunSettings { Configuration = configuration, NoBuild = true }));

Task("Bench")
    .Description("Runs the BenchmarkDotNet micro-benchmarks (Rego, redaction, audit).")
    .IsDependentOn("Build")
    .Does(() => DotNetRun("./bench/PhiGate.Benchmarks/PhiGate.Benchmarks.csproj",
        new ProcessArgumentBuilder().Append("--filter").Append("*"),
        new DotNetRunSettings { Configuration = configuration, NoBuild = true }));

Task("Load")
    .Description("Starts phigate serve (audit off, then on) with the baseline method on, drives Check and prints requests/s and p50/p99/p99.9 next to the no-op baseline.")
    .IsDependentOn("Build")
    .Does(() => DotNetRun("./bench/PhiGate.Load/PhiGate.Load.csproj",
        new ProcessArgumentBuilder().Append("--audit").Append("compare"),
        new DotNetRunSettings { Configuration = configuration, NoBuild = true }));

RunTarget(target);
