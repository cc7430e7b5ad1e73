using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using InfoDisclosure.Reports.Batch;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Cli;

/// <summary>
/// `check PATH... [--json] [--previous FILE|FOLDER] [--report OUT.html|OUT.csv]`: imports every report, pairs each with
/// the same agency's report of the year before when one is among the inputs (or in the --previous folder), validates
/// them in parallel, and prints the results sorted by path so that the output of a folder is the same on every run.
/// </summary>
public static class CheckCommand
{
    /// <summary>One checked file: its report's identity and findings, or why it could not be read.</summary>
    /// <param name="PairedWith">The file of last year's report it was checked against, null when none was found.</param>
    /// <param name="CopiedShare">The share of its narrative found copied from that report (only with --report).</param>
    public sealed record Result(
        string File,
        string? Format,
        string? Agency,
        int? Year,
        IReadOnlyList<Finding> Findings,
        string? PairedWith,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? CopiedShare,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error)
    {
        [JsonIgnore]
        public bool HasErrors => Findings.Any(f => f.Severity == Severity.Error);
    }

    /// <summary>A file after import: its report, or why it could not be read.</summary>
    private sealed record Loaded(string File, LoadedReport? Report, string? Error);

    /// <summary>The --json output, from generated metadata (no reflection: the CLI may be compiled to native code).</summary>
    private static readonly CheckJsonContext Json = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // Chinese as it is, not \uXXXX: the output is read by people and by scripts alike.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter<Severity>(JsonNamingPolicy.CamelCase) },
    });

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = Arguments.Parse(args, flags: new HashSet<string> { "--json" }, options: new HashSet<string> { "--previous", "--report" });
        if (parsed.Positional.Count == 0) throw new InputException("check 需要至少一个文件或文件夹 (check needs at least one PATH)");
        var reportPath = parsed.Get("--report");
        var reportKind = reportPath is null ? null : Path.GetExtension(reportPath).ToLowerInvariant() switch
        {
            ".html" or ".htm" => "html",
            ".csv" => "csv",
            _ => throw new InputException($"--report 的文件应以 .html 或 .csv 结尾，而不是“{reportPath}” (--report OUT.html or OUT.csv)"),
        };

        var missing = new List<string>();
        var files = ReportSource.Expand(parsed.Positional, missing);
        JitProfile.Start(JitProfile.ForCheck(files));

        LoadedReport? previousFile = null;
        string? previousFilePath = null;
        var previousFolder = new List<Loaded>();
        if (parsed.Get("--previous") is { } previousPath)
        {
            if (File.Exists(previousPath))
            {
                previousFile = ReportSource.Load(previousPath);
                previousFilePath = previousPath;
            }
            else if (Directory.Exists(previousPath))
            {
                previousFolder.AddRange(Load(ReportSource.Expand([previousPath], [])));
                // Not one of the reports checked, so not exit code 2; but a predecessor silently missing would hide a pair.
                foreach (var bad in previousFolder.Where(l => l.Error is not null)) stderr.WriteLine($"警告：上年报告无法读取，未用于配对：{bad.Error}");
            }
            else
            {
                throw new InputException($"{previousPath}：上年报告文件不存在，也不是文件夹 (file or folder not found)");
            }
        }

        var results = previousFile is not null
            ? Check(Load(files), _ => (previousFilePath, previousFile.Report), reportKind is not null)
            : Check(Load(files), previousFolder, reportKind is not null);

        foreach (var path in missing) stderr.WriteLine($"无法读取 {path}：文件或文件夹不存在 (not found)");
        foreach (var result in results.Where(r => r.Error is not null)) stderr.WriteLine($"无法读取 {result.Error}");

        if (parsed.Has("--json")) stdout.WriteLine(JsonSerializer.Serialize(results, Json.ResultArray));
        else WriteHuman(results, missing.Count, stdout);
        if (reportPath is not null) WriteBatchReport(reportPath, reportKind!, results);

        if (missing.Count > 0 || results.Any(r => r.Error is not null)) return ExitCodes.Unreadable;
        return results.Any(r => r.HasErrors) ? ExitCodes.Errors : ExitCodes.Ok;
    }

    /// <summary>
    /// Checks the loaded files, each against the same agency's report of the year before when the files or
    /// <paramref name="previousFolder"/> hold it. Pairing is a lookup in an index of the reports already imported.
    /// </summary>
    private static Result[] Check(Loaded[] loaded, IReadOnlyList<Loaded> previousFolder, bool withCopiedShare)
    {
        // One entry per file even when a file is both checked and in the --previous folder: a duplicate would make the
        // pair look ambiguous.
        var byPath = new Dictionary<string, Loaded>(StringComparer.Ordinal);
        foreach (var item in previousFolder.Concat(loaded).Where(l => l.Report is not null)) byPath[Path.GetFullPath(item.File)] = item;
        var pairs = new YearPairs<Loaded>(byPath.Values.Select(l => (l.Report!.Report.AgencyName, l.Report.Report.Year, l)));
        return Check(loaded, r => pairs.PreviousOf(r.AgencyName, r.Year) is { } p ? (p.File, p.Report!.Report) : (null, null), withCopiedShare);
    }

    private static Result[] Check(Loaded[] loaded, Func<AnnualReport, (string? File, AnnualReport? Report)> previousOf, bool withCopiedShare)
    {
        var results = new Result[loaded.Length];
        Parallel.For(0, loaded.Length, i => results[i] = CheckOne(loaded[i], previousOf, withCopiedShare));
        return results;
    }

    /// <summary>Reads and imports the files on all cores, each once; the results keep the files' order.</summary>
    private static Loaded[] Load(IReadOnlyList<string> files)
    {
        var loaded = new Loaded[files.Count];
        Parallel.For(0, files.Count, i => loaded[i] = LoadOne(files[i]));
        return loaded;
    }

    private static Loaded LoadOne(string file)
    {
        try
        {
            return new Loaded(file, ReportSource.Load(file), null);
        }
        catch (InputException ex)
        {
            return new Loaded(file, null, ex.Message);
        }
        catch (Exception ex)
        {
            // An importer failure must not take the other thousands of reports down with it.
            return new Loaded(file, null, $"{file}：导入失败（{ex.GetType().Name}: {ex.Message}）");
        }
    }

    private static Result CheckOne(Loaded item, Func<AnnualReport, (string? File, AnnualReport? Report)> previousOf, bool withCopiedShare)
    {
        if (item.Report is not { } loaded) return new Result(item.File, null, null, null, [], null, null, item.Error);
        var report = loaded.Report;
        try
        {
            var (previousFile, previous) = previousOf(report);
            // A scan has no text to check: its one finding says so, not a list of everything missing.
            var findings = loaded.ImportFindings.Any(f => f.Rule == Rules.ImportScanned)
                ? loaded.ImportFindings.ToList()
                : loaded.ImportFindings.Concat(ReportValidator.Validate(report, previous)).ToList();
            double? copied = withCopiedShare && previous is not null && previous.Year == report.Year - 1
                ? CopiedTextRule.Analyse(report, previous).CopiedShare
                : null;
            return new Result(item.File, report.FormatVersion, report.AgencyName, report.Year, findings, previousFile, copied, null);
        }
        catch (Exception ex)
        {
            return new Result(item.File, null, null, null, [], null, null, $"{item.File}：检查失败（{ex.GetType().Name}: {ex.Message}）");
        }
    }

    private static void WriteBatchReport(string path, string kind, IReadOnlyList<Result> results)
    {
        var batch = BatchReport.Create(results.Select(r => new BatchEntry(r.File, r.Agency, r.Year, r.Findings, r.PairedWith, r.CopiedShare, r.Error)));
        try
        {
            if (kind == "csv") File.WriteAllBytes(path, BatchReportCsv.Render(batch));
            else File.WriteAllText(path, BatchReportHtml.Render(batch), new UTF8Encoding(false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}：无法写入（{ex.Message}）");
        }
    }

    private static void WriteHuman(IReadOnlyList<Result> results, int missing, TextWriter stdout)
    {
        foreach (var result in results)
        {
            if (result.Error is not null)
            {
                stdout.WriteLine($"{result.File}：无法读取");
                continue;
            }
            var format = result.Format switch
            {
                ReportFormats.Format2021 => "2021年格式",
                ReportFormats.Format2019 => "2019年试行格式",
                var other => $"格式“{other}”",
            };
            stdout.WriteLine($"{result.File}：{result.Agency} {result.Year}年度（{format}）");
            if (result.PairedWith is not null) stdout.WriteLine($"  上年报告：{result.PairedWith}");
            if (result.Findings.Count == 0) stdout.WriteLine("  通过，未发现问题");
            foreach (var f in result.Findings)
            {
                stdout.WriteLine($"  {(f.Severity == Severity.Error ? "错误" : "警告")} [{f.Rule}] {f.Where}：{f.Message}");
            }
        }

        var read = results.Where(r => r.Error is null).ToList();
        var withErrors = read.Count(r => r.HasErrors);
        var warningsOnly = read.Count(r => !r.HasErrors && r.Findings.Count > 0);
        var errors = read.Sum(r => r.Findings.Count(f => f.Severity == Severity.Error));
        var warnings = read.Sum(r => r.Findings.Count(f => f.Severity == Severity.Warning));
        var unreadable = results.Count - read.Count + missing;
        stdout.WriteLine(
            $"共检查{read.Count}份报告：{withErrors}份有错误，{warningsOnly}份仅有警告，{read.Count - withErrors - warningsOnly}份通过；" +
            $"错误{errors}条，警告{warnings}条" + (unreadable > 0 ? $"；{unreadable}个输入无法读取。" : "。"));
    }
}

[JsonSerializable(typeof(CheckCommand.Result[]))]
internal sealed partial class CheckJsonContext : JsonSerializerContext;
