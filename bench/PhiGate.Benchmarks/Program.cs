using BenchmarkDotNet.Running;

// Run all benchmarks or pick with --filter, e.g. `--filter *Rbac*`.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
