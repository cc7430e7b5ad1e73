using System.Diagnostics;
using System.Globalization;
using System.Text;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Rendering;
using InfoDisclosure.Reports.Tests.Import;
using Microsoft.Playwright;

namespace InfoDisclosure.Benchmarks;

/// <summary>
/// `check-mixed [COUNT]`: COUNT reports (default 5,000) as they are published: copied text, Word-style portal pages
/// (<see cref="HtmlPortalPage"/>), DOCX (<see cref="DocxRenderer"/>) and PDF (Word-style pages printed by headless
/// Chromium, /usr/bin/chromium), three in ten, three, two and two; each agency with two years side by side, so `check`
/// pairs them. Each format is written to its own folder and the built CLI's `check` is timed once on each as a
/// separate process (start-up included), then on all four together; it prints wall time, reports/s, the process's CPU
/// time per report (user + system, all threads: on a shared machine wall time says more about the neighbours than about
/// us) and its peak memory (VmHWM, sampled while it runs), with the load average. Asserts nothing.
/// `--cli PATH` times another build's infodisclosure.dll (or a native-compiled infodisclosure executable) (a copy of the build before a change, for before/after runs
/// close in time); the reports are written once per COUNT and reused while their folder is complete.
/// A PDF is printed once per fixture and year and copied under each agency's name in the file name only: Chromium at
/// thousands of pages would time the printer, not the reader.
/// </summary>
public static class CheckMixedTiming
{
    private static readonly (string Kind, int Share)[] Mix = [("txt", 3), ("html", 3), ("docx", 2), ("pdf", 2)];

    public static async Task<int> Run(string[] args)
    {
        var cliAt = Array.IndexOf(args, "--cli");
        var cli = cliAt >= 0 && cliAt + 1 < args.Length ? Path.GetFullPath(args[cliAt + 1]) : Path.Combine(AppContext.BaseDirectory, "infodisclosure.dll");
        var positional = cliAt >= 0 ? args.Where((_, i) => i != cliAt && i != cliAt + 1).ToArray() : args;
        var count = positional.Length > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : 5000;
        var root = Path.Combine(Path.GetTempPath(), $"infodisclosure-mixed-{count}");
        var counts = await Generate(root, count);
        Console.WriteLine($"CLI: {cli}");
        Console.WriteLine($"{count} reports in {root} ({string.Join(", ", counts.Select(c => $"{c.Value} {c.Key}"))}); {Environment.ProcessorCount} cores");
        foreach (var (kind, _) in Mix) Report(kind, counts[kind], cli, Path.Combine(root, kind));
        Report("all", count, cli, root);
        return 0;
    }

    private static void Report(string label, int reports, string cli, string folder)
    {
        // One run each: the files were just written, so they are in the file cache; a run of the PDFs takes minutes.
        var load = LoadAverage();
        var (ms, cpu, peak, exit, last) = Time(cli, folder);
        Console.WriteLine($"{label,-5} {reports,5} reports: wall {ms / 1000:F2} s, {reports / (ms / 1000):F0} reports/s, CPU {cpu / 1000:F2} s = {cpu / reports:F2} ms/report, " +
                          $"peak memory {peak / 1024.0 / 1024.0:F0} MiB (exit {exit}; load average before {load}, after {LoadAverage()})");
        Console.WriteLine($"      {last}");
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static (double Ms, double CpuMs, long Peak, int Exit, string Last) Time(string cli, string folder)
    {
        var start = CliProcess.StartInfo(cli, ["check", folder]);
        var cpu = ChildCpu.Milliseconds();
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        long peak = 0;
        using var sampler = new Timer(_ => peak = Math.Max(peak, PeakOf(process.Id)), null, 0, 20);
        var last = "";
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (line.Length > 0) last = line;
        }
        process.WaitForExit();
        watch.Stop();
        return (watch.Elapsed.TotalMilliseconds, ChildCpu.Milliseconds() - cpu, peak, process.ExitCode, last);
    }

    /// <summary>The process's peak resident memory so far (Linux VmHWM), 0 once it is gone.</summary>
    private static long PeakOf(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException)
        {
        }
        return 0;
    }

    /// <summary>
    /// Reports 0..count-1 in pairs: report 2a is agency a's year, 2a+1 the same agency's year before. Agency a uses
    /// 2021-format fixture a % 4 and format Mix[a % 10]. Returns the count per format.
    /// </summary>
    private static async Task<Dictionary<string, int>> Generate(string root, int count)
    {
        var complete = Path.Combine(root, "generated.counts");
        if (File.Exists(complete))
        {
            return File.ReadAllLines(complete).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture));
        }
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        var sources = Fixtures.Names2021.Select(Fixtures.Report).ToArray();
        var kinds = Mix.SelectMany(m => Enumerable.Repeat(m.Kind, m.Share)).ToArray();
        var counts = Mix.ToDictionary(m => m.Kind, _ => 0);
        var printed = new Dictionary<(int, int), byte[]>();
        var page = new HtmlPortalPage { WordMarkup = true };
        IPlaywright? playwright = null;
        IBrowser? browser = null;
        try
        {
            for (var i = 0; i < count; i++)
            {
                var agency = i / 2;
                var kind = kinds[agency % kinds.Length];
                var source = agency % sources.Length;
                var report = ReportJson.Clone(sources[source]);
                report.Year -= i % 2;
                report.AgencyName = $"{sources[source].AgencyName}样本{agency}";
                var dir = Path.Combine(root, kind, (agency / 100).ToString("D3", CultureInfo.InvariantCulture));
                Directory.CreateDirectory(dir);
                var file = Path.Combine(dir, $"{i:D5}.{kind}");
                counts[kind]++;
                switch (kind)
                {
                    case "txt":
                        await File.WriteAllTextAsync(file, TextRenderer.Render(report));
                        break;
                    case "html":
                        await File.WriteAllTextAsync(file, page.Write(report));
                        break;
                    case "docx":
                        await File.WriteAllBytesAsync(file, DocxRenderer.Render(report));
                        break;
                    default:
                        if (!printed.TryGetValue((source, i % 2), out var pdf))
                        {
                            playwright ??= await Playwright.CreateAsync();
                            browser ??= await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
                            var tab = await browser.NewPageAsync();
                            await tab.SetContentAsync(page.Write(report));
                            printed[(source, i % 2)] = pdf = await tab.PdfAsync(new() { Format = "A4" });
                            await tab.CloseAsync();
                        }
                        await File.WriteAllBytesAsync(file, pdf);
                        break;
                }
            }
        }
        finally
        {
            if (browser is not null) await browser.DisposeAsync();
            playwright?.Dispose();
        }
        await File.WriteAllLinesAsync(complete, counts.Select(c => $"{c.Key} {c.Value}"));
        return counts;
    }
}
