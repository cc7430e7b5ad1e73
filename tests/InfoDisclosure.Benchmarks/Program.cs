using BenchmarkDotNet.Running;
using InfoDisclosure.Benchmarks;

// `check-folder [COUNT]` times the CLI on a generated folder; anything else goes to BenchmarkDotNet
// (e.g. `--filter *` for all, `--filter *Import*`, `--list flat`).
if (args is ["check-folder", .. var rest]) return CheckFolderTiming.Run(rest);
BenchmarkSwitcher.FromAssembly(typeof(Fixtures).Assembly).Run(args);
return 0;
