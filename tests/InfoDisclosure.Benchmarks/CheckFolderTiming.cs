using System.Diagnostics;
using System.Globalization;
using System.Text;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Rendering;

namespace InfoDisclosure.Benchmarks;

/// <summary>
/// `check-folder [COUNT] [RUNS] [mixed|txt|html|json]`: writes COUNT reports (default 5,000) made from the fixtures into a
/// temporary folder tree (default mix: six in ten .txt, three .html, one .json), some with a broken total, then times the
/// built CLI's `check` on the whole folder as a separate process, start-up included (Stopwatch from Process.Start to
/// exit), with the CPU time it took per report (user + system, all threads) and the load average beside it: on a shared
/// machine the CPU time is the figure to compare. `--cli PATH` times another build's infodisclosure.dll (or a native-compiled infodisclosure executable). Prints the
/// figures; asserts nothing.
/// </summary>
public static class CheckFolderTiming
{
    public static int Run(string[] args)
    {
        var cliAt = Array.IndexOf(args, "--cli");
        var cli = cliAt >= 0 && cliAt + 1 < args.Length ? Path.GetFullPath(args[cliAt + 1]) : Path.Combine(AppContext.BaseDirectory, "infodisclosure.dll");
        if (cliAt >= 0) args = args.Where((_, i) => i != cliAt && i != cliAt + 1).ToArray();
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5000;
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var mix = args.Length > 2 ? args[2] : "mixed";
        if (mix is not ("mixed" or "txt" or "html" or "json"))
        {
            Console.Error.WriteLine("usage: check-folder [COUNT] [RUNS] [mixed|txt|html|json] [--cli PATH]");
            return 2;
        }
        var folder = Path.Combine(Path.GetTempPath(), $"infodisclosure-check-{count}-{mix}");

        var written = Generate(folder, count, mix);
        Console.WriteLine($"{count} reports ({mix}) in {folder}: {written / 1024.0 / 1024.0:F1} MiB");
        Console.WriteLine($"CLI: {cli}; {Environment.ProcessorCount} cores");

        foreach (var extra in new[] { Array.Empty<string>(), ["--json"] })
        {
            var label = $"check {string.Join(' ', extra)}".TrimEnd();
            TimeOnce(cli, folder, extra); // file cache warm; each timed run is still a cold process
            var times = new List<double>();
            var cpus = new List<double>();
            (int ExitCode, int Lines, string Last) outcome = default;
            var load = CheckMixedTiming.LoadAverage();
            for (var i = 0; i < runs; i++)
            {
                var cpu = ChildCpu.Milliseconds();
                var (ms, result) = TimeOnce(cli, folder, extra);
                cpus.Add(ChildCpu.Milliseconds() - cpu);
                times.Add(ms);
                outcome = result;
            }
            times.Sort();
            cpus.Sort();
            Console.WriteLine(
                $"{label,-14} wall ms: min {times[0]:F0}, median {times[times.Count / 2]:F0}, max {times[^1]:F0} over {runs} runs; " +
                $"CPU median {cpus[cpus.Count / 2]:F0} ms = {cpus[cpus.Count / 2] / count:F3} ms/report " +
                $"(exit {outcome.ExitCode}, {outcome.Lines} lines of output; load average before {load}, after {CheckMixedTiming.LoadAverage()})");
            if (extra.Length == 0) Console.WriteLine($"  {outcome.Last}");
        }
        return 0;
    }

    private static (double Ms, (int ExitCode, int Lines, string Last) Result) TimeOnce(string cli, string folder, string[] extra)
    {
        var start = CliProcess.StartInfo(cli, ["check", folder, .. extra]);

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) Console.Error.WriteLine(e.Data); };
        process.BeginErrorReadLine();
        var lines = 0;
        var last = "";
        while (process.StandardOutput.ReadLine() is { } line)
        {
            lines++;
            if (line.Length > 0) last = line;
        }
        process.WaitForExit();
        watch.Stop();
        return (watch.Elapsed.TotalMilliseconds, (process.ExitCode, lines, last));
    }

    /// <summary>
    /// Reports 0..count-1: fixture i % 5; in the mixed folder six in ten as text, three as HTML, one as JSON; every 7th
    /// 2021-format report with a wrong 行政复议 总计; 100 reports a sub-folder. The trial-format fixture stays text.
    /// Returns the bytes written.
    /// </summary>
    private static long Generate(string folder, int count, string mix)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        var sources = Fixtures.Names.Select(n => (Name: n, Text: Fixtures.Text(n), Report: Fixtures.Report(n))).ToArray();
        var utf8 = new UTF8Encoding(false);
        long bytes = 0;
        for (var i = 0; i < count; i++)
        {
            var (name, text, original) = sources[i % sources.Length];
            var dir = Path.Combine(folder, (i / 100).ToString("D3", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(dir);
            var agency = $"{original.AgencyName}样本{i}";
            string file, content;

            if (original.FormatVersion != ReportFormats.Format2021)
            {
                // The trial format is checked as printed: keep the published text, rename the agency.
                file = $"{i:D5}-{name}.txt";
                content = text.Replace(original.AgencyName, agency, StringComparison.Ordinal);
            }
            else
            {
                var report = ReportJson.Clone(original);
                report.AgencyName = agency;
                if (i % 7 == 0) report.ReviewAndLitigation!.AdministrativeReconsideration.Total = Cell.Of(i % 5 + 1000);
                var kind = mix != "mixed" ? mix : (i % 10) switch { < 6 => "txt", < 9 => "html", _ => "json" };
                (file, content) = kind switch
                {
                    "txt" => ($"{i:D5}.txt", TextRenderer.Render(report)),
                    "html" => ($"{i:D5}.html", HtmlRenderer.RenderPage(report)),
                    _ => ($"{i:D5}.json", ReportJson.Serialize(report)),
                };
            }
            var data = utf8.GetBytes(content);
            File.WriteAllBytes(Path.Combine(dir, file), data);
            bytes += data.Length;
        }
        return bytes;
    }
}
