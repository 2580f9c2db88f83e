using BenchmarkDotNet.Running;

// Run all, or pick with --filter, e.g. `dotnet run -c Release -- --filter '*Audit*' --job short`.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
