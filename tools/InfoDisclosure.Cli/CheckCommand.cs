using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Cli;

/// <summary>
/// `check PATH... [--json] [--previous FILE]`: imports and validates every report, in parallel, and prints the
/// results sorted by path so that the output of a folder is the same on every run.
/// </summary>
public static class CheckCommand
{
    /// <summary>One checked file: its report's identity and findings, or why it could not be read.</summary>
    public sealed record Result(
        string File,
        string? Format,
        string? Agency,
        int? Year,
        IReadOnlyList<Finding> Findings,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error)
    {
        [JsonIgnore]
        public bool HasErrors => Findings.Any(f => f.Severity == Severity.Error);
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // Chinese as it is, not \uXXXX: the output is read by people and by scripts alike.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = Arguments.Parse(args, flags: new HashSet<string> { "--json" }, options: new HashSet<string> { "--previous" });
        if (parsed.Positional.Count == 0) throw new InputException("check 需要至少一个文件或文件夹 (check needs at least one PATH)");

        AnnualReport? previous = null;
        if (parsed.Get("--previous") is { } previousPath)
        {
            if (!File.Exists(previousPath)) throw new InputException($"{previousPath}：上年报告文件不存在 (file not found)");
            previous = ReportSource.Load(previousPath).Report;
        }

        var missing = new List<string>();
        var files = ReportSource.Expand(parsed.Positional, missing);
        var results = Check(files, previous);

        foreach (var path in missing) stderr.WriteLine($"无法读取 {path}：文件或文件夹不存在 (not found)");
        foreach (var result in results.Where(r => r.Error is not null)) stderr.WriteLine($"无法读取 {result.Error}");

        if (parsed.Has("--json")) stdout.WriteLine(JsonSerializer.Serialize(results, JsonOptions));
        else WriteHuman(results, missing.Count, stdout);

        if (missing.Count > 0 || results.Any(r => r.Error is not null)) return ExitCodes.Unreadable;
        return results.Any(r => r.HasErrors) ? ExitCodes.Errors : ExitCodes.Ok;
    }

    /// <summary>Reads and checks the files on all cores; results keep the files' order.</summary>
    public static Result[] Check(IReadOnlyList<string> files, AnnualReport? previous)
    {
        var results = new Result[files.Count];
        Parallel.For(0, files.Count, i => results[i] = CheckOne(files[i], previous));
        return results;
    }

    private static Result CheckOne(string file, AnnualReport? previous)
    {
        try
        {
            var (report, importFindings) = ReportSource.Load(file);
            var findings = importFindings.Concat(ReportValidator.Validate(report, previous)).ToList();
            return new Result(file, report.FormatVersion, report.AgencyName, report.Year, findings, null);
        }
        catch (InputException ex)
        {
            return new Result(file, null, null, null, [], ex.Message);
        }
        catch (Exception ex)
        {
            // An importer failure must not take the other thousands of reports down with it.
            return new Result(file, null, null, null, [], $"{file}：导入失败（{ex.GetType().Name}: {ex.Message}）");
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
