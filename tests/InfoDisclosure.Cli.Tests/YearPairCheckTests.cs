using System.Text.Json;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Tests.Validation;
using InfoDisclosure.Tests.Shared;

namespace InfoDisclosure.Cli.Tests;

/// <summary>`check` of a folder pairs each report with the same agency's report of the year before.</summary>
public class YearPairCheckTests
{
    private const string Huaian2024 = "2024_huaian_city_gov.txt";

    /// <summary>
    /// 淮安 2025 built from the 2024 fixture with its own narrative. Its tables are 2024's, so its 上年结转 (34) is not
    /// 2024's 结转下年度 (103): a pair that disagrees.
    /// </summary>
    private static AnnualReport Huaian2025()
    {
        var report = ReportImporter.ImportText(TestPaths.ReadFixture(Huaian2024)).Report;
        report.Year = 2025;
        report.Opening.Paragraphs = ["本报告根据《中华人民共和国政府信息公开条例》编制，统计期限自2025年1月1日起至2025年12月31日止。"];
        foreach (var part in report.Overview.Parts) part.Paragraphs = [$"2025年，{part.Title}方面按照新的年度工作要点推进，具体做法与上年不同，详见各项统计表格。"];
        report.Overview.Introduction = ["2025年，市政府按照新的年度工作要点推进政务公开，各项工作有序开展。"];
        report.ProblemsAndImprovements.Introduction = ["2025年工作仍存在一些不足。"];
        report.ProblemsAndImprovements.Problems.Paragraphs = ["一是个别部门信息更新不够及时。"];
        report.ProblemsAndImprovements.Improvements.Paragraphs = ["下一步将加强督促检查。"];
        return report;
    }

    private static List<(string File, string? PairedWith, List<string> Rules)> Items(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray().Select(i => (
            i.GetProperty("file").GetString()!,
            i.GetProperty("pairedWith").GetString(),
            i.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString()!).ToList())).ToList();
    }

    [Fact]
    public void Two_years_of_one_agency_in_a_folder_get_YEAR_CARRYOVER_without_previous_when_they_disagree()
    {
        using var folder = new TempFolder();
        var lastYear = folder.Write("淮安/2024.txt", TestPaths.ReadFixture(Huaian2024));
        var thisYear = folder.WriteReport("淮安/2025.json", Huaian2025());

        var run = CliRun.Of("check", "--json", folder.Path);

        Assert.Equal(1, run.ExitCode);
        var items = Items(run.Out);
        Assert.Equal([(lastYear, null), (thisYear, lastYear)], items.Select(i => (i.File, i.PairedWith)));
        Assert.Contains("YEAR.CARRYOVER", items[1].Rules);
        Assert.DoesNotContain("TEXT.COPIED", items[1].Rules);
        // The same file checked without its predecessor beside it has no cross-year finding.
        var alone = Assert.Single(Items(CliRun.Of("check", "--json", thisYear).Out));
        Assert.Equal((null, false), (alone.PairedWith, alone.Rules.Contains("YEAR.CARRYOVER")));

        var human = CliRun.Of("check", folder.Path);
        Assert.Contains($"  上年报告：{lastYear}\n  错误 [YEAR.CARRYOVER] 三.二、上年结转政府信息公开申请数量.自然人：二、上年结转（自然人）为34，但2024年度报告“四、结转下年度继续办理”为103", human.Out.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Two_years_that_agree_are_paired_and_the_later_has_no_cross_year_finding()
    {
        using var folder = new TempFolder();
        var report = SampleReports.Valid(2025);
        var lastYear = folder.WriteReport("2024.json", SampleReports.PreviousOf(report));
        var thisYear = folder.WriteReport("2025.json", report);

        var run = CliRun.Of("check", "--json", folder.Path);

        // (Exit code 1 comes from last year's sample: it is built to continue into this year, not to balance.)
        var item = Items(run.Out).Single(i => i.File == thisYear);
        Assert.Equal(lastYear, item.PairedWith);
        Assert.Empty(item.Rules);
    }

    [Fact]
    public void Previous_may_be_a_folder_searched_for_each_agencys_report()
    {
        using var folder = new TempFolder();
        var lastYear = folder.Write("2024/淮安.txt", TestPaths.ReadFixture(Huaian2024));
        folder.Write("2024/洪泽.txt", TestPaths.ReadFixture("2023_hongze_district_gov.txt"));
        var broken = folder.WriteBytes("2024/扫描.txt", [0x50, 0x4B, 0x03, 0x04, 0x00, 0xFF]);
        var thisYear = folder.WriteReport("2025/淮安.json", Huaian2025());

        var run = CliRun.Of("check", "--json", thisYear, "--previous", Path.Combine(folder.Path, "2024"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"警告：上年报告无法读取，未用于配对：{broken}：", run.Err);
        var item = Assert.Single(Items(run.Out));
        Assert.Equal((thisYear, lastYear), (item.File, item.PairedWith));
        Assert.Contains("YEAR.CARRYOVER", item.Rules);
    }

    [Fact]
    public void A_missing_previous_folder_gives_exit_code_2()
    {
        using var folder = new TempFolder();
        var file = folder.Write("2024.txt", TestPaths.ReadFixture(Huaian2024));

        var run = CliRun.Of("check", file, "--previous", Path.Combine(folder.Path, "none"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("上年报告文件不存在，也不是文件夹", run.Err);
    }

    [Fact]
    public void Last_years_narrative_with_the_figures_changed_is_a_TEXT_COPIED_warning_per_section()
    {
        using var folder = new TempFolder();
        var lastYear = ReportImporter.ImportText(TestPaths.ReadFixture(Huaian2024)).Report;
        folder.Write("2024.txt", TestPaths.ReadFixture(Huaian2024));
        var copied = CopiedText.NextYear(lastYear);
        var file = folder.WriteReport("2025.json", copied);

        var run = CliRun.Of("check", folder.Path);

        // The tables are 2024's too, hence YEAR.CARRYOVER errors beside the copied text.
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(7, run.Out.Split("警告 [TEXT.COPIED]").Length - 1);
        Assert.Contains("警告 [TEXT.COPIED] 一.（一）主动公开情况：本部分文字与2024年度报告基本相同", run.Out);
        Assert.StartsWith($"{file}：", run.Out.Split('\n').SkipWhile(l => !l.StartsWith(file, StringComparison.Ordinal)).First());
    }

    [Fact]
    public void In_the_fixture_folder_hongze_2024_is_paired_with_2023_and_nothing_is_TEXT_COPIED()
    {
        var run = CliRun.Of("check", "--json", TestPaths.FixtureReports);

        var items = Items(run.Out);
        Assert.Equal(5, items.Count);
        Assert.Equal(
            [("2024_hongze_district_gov.txt", "2023_hongze_district_gov.txt")],
            items.Where(i => i.PairedWith is not null).Select(i => (Path.GetFileName(i.File), Path.GetFileName(i.PairedWith!))));
        Assert.DoesNotContain(items, i => i.Rules.Contains("TEXT.COPIED"));
    }
}
