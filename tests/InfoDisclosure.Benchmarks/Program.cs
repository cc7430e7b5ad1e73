using BenchmarkDotNet.Running;
using InfoDisclosure.Benchmarks;

// `check-folder [COUNT]` times the CLI on a generated folder; `check-mixed [COUNT]` on text, Word-style HTML, DOCX and PDF; anything else goes to BenchmarkDotNet
// (e.g. `--filter *` for all, `--filter *Import*`, `--list flat`). `load [N]` is the workflow load benchmark (Load/).
if (args is ["check-folder", .. var rest]) return CheckFolderTiming.Run(rest);
if (args is ["check-mixed", .. var mixedArgs]) return await CheckMixedTiming.Run(mixedArgs);
if (args is ["load", .. var loadArgs]) return InfoDisclosure.Benchmarks.Load.LoadBenchmark.Run(loadArgs);
BenchmarkSwitcher.FromAssembly(typeof(Fixtures).Assembly).Run(args);
return 0;
