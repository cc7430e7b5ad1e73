using System.Globalization;
using System.Text;
using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Cli;

/// <summary>`new --agency NAME --year YYYY [--previous FILE] [-o OUT]`: a blank report as JSON, pre-filled from last year's.</summary>
public static class NewCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = Arguments.Parse(args, flags: new HashSet<string>(), options: new HashSet<string> { "--agency", "--year", "--previous", "-o", "--output" });
        if (parsed.Positional.Count > 0) throw new InputException($"new 不接受多余的参数“{parsed.Positional[0]}”");
        var agency = parsed.Require("--agency").Trim();
        if (agency.Length == 0) throw new InputException("--agency 不能为空");
        var yearText = parsed.Require("--year");
        if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2008 or > 2100)
        {
            throw new InputException($"--year 应为四位年份，而不是“{yearText}”");
        }

        AnnualReport? previous = null;
        if (parsed.Get("--previous") is { } previousPath)
        {
            if (!File.Exists(previousPath)) throw new InputException($"{previousPath}：上年报告文件不存在 (file not found)");
            previous = ReportSource.Load(previousPath).Report;
            if (previous.Year != year - 1) stderr.WriteLine($"警告：所给上年报告是{previous.Year}年度的，不是{year - 1}年度");
        }

        var json = ReportJson.Serialize(NewReport.Create(agency, year, previous)) + "\n";
        var output = parsed.Get("-o") ?? parsed.Get("--output");
        if (output is null) stdout.Write(json);
        else File.WriteAllText(output, json, new UTF8Encoding(false));
        return ExitCodes.Ok;
    }
}
