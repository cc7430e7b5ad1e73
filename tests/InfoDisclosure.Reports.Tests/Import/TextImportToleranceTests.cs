using System.Text;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;
using InfoDisclosure.Tests.Shared;

namespace InfoDisclosure.Reports.Tests.Import;

/// <summary>
/// Real reports arrive mangled by copying and editing: the importer reads what can be read unambiguously and
/// reports, by line, what cannot, without inventing or silently dropping a figure.
/// </summary>
public class TextImportToleranceTests
{
    public static TheoryData<string> Fixtures() => new(Directory.GetFiles(TestPaths.FixtureReports, "*.txt").Select(Path.GetFileName)!);

    public static TheoryData<string> Fixtures2021() => new(
        "2022_hongsibu_approval_bureau.txt", "2023_hongze_district_gov.txt", "2024_hongze_district_gov.txt", "2024_huaian_city_gov.txt");

    private static string Json(string text) => ReportJson.Serialize(TextImporter.Import(text).Report);

    private static string[] Lines(string fixture) => TestPaths.ReadFixture(fixture).Split('\n');

    private static string Line(string fixture, int number) => Lines(fixture)[number - 1];

    private static string WithLine(string fixture, int number, string replacement)
    {
        var lines = Lines(fixture);
        lines[number - 1] = replacement;
        return string.Join('\n', lines);
    }

    /// <summary>The 洪泽 reports print "2.其他法律行政止公开": their one import finding, a LABEL.TYPO warning.</summary>
    private static (string, string)[] TypoRows(string fixture) => fixture switch
    {
        "2023_hongze_district_gov.txt" => [(Rules.LabelTypo, "第37行")],
        "2024_hongze_district_gov.txt" => [(Rules.LabelTypo, "第36行")],
        _ => [],
    };

    private static decimal?[] Figures(ApplicantCounts counts) => ApplicantCounts.Columns.Select(c => counts[c].Value).ToArray();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Windows_line_endings_read_the_same(string fixture)
    {
        var text = TestPaths.ReadFixture(fixture);

        var crlf = TextImporter.Import(text.Replace("\n", "\r\n"));

        Assert.Equal(TypoRows(fixture), crlf.Findings.Select(f => (f.Rule, f.Where)));
        Assert.Equal(Json(text), ReportJson.Serialize(crlf.Report));
    }

    [Theory]
    [MemberData(nameof(Fixtures2021))]
    public void Spaces_instead_of_tabs_read_the_same_when_no_cell_is_blank(string fixture)
    {
        var text = TestPaths.ReadFixture(fixture);

        var spaced = TextImporter.Import(text.Replace("\t", "    "));

        Assert.Equal(TypoRows(fixture), spaced.Findings.Select(f => (f.Rule, f.Where)));
        Assert.Equal(Json(text), ReportJson.Serialize(spaced.Report));
    }

    [Fact]
    public void Spaces_instead_of_tabs_lose_blank_cells_and_each_such_row_is_reported_not_guessed()
    {
        const string fixture = "2019_shanghai_gov_office_OLD_FORMAT.txt";
        var withTabs = TextImporter.Import(TestPaths.ReadFixture(fixture)).Report;

        var spaced = TextImporter.Import(TestPaths.ReadFixture(fixture).Replace("\t", "  "));

        // Line 50: "一、本年新收…\t\t\t821\t35\t\t\t2\t1\t859": with the blanks gone, five figures for seven columns.
        var newApplications = Assert.Single(spaced.Findings, f => f.Where == "第50行");
        Assert.Equal(Rules.ImportUnreadable, newApplications.Rule);
        Assert.Equal(Severity.Error, newApplications.Severity);
        Assert.Contains("一、本年新收政府信息公开申请数量", newApplications.Message);
        // Line 77 holds section 四's fifteen cells, six of them filled.
        Assert.Contains(spaced.Findings, f => f.Where == "第77行");

        // Whatever was read is what the tab-separated report says; nothing shifted into another column.
        var lines = TestPaths.ReadFixture(fixture).Split('\n');
        foreach (var (row, counts) in ApplicationRows.Present(spaced.Report.Applications!))
        {
            var original = row.Get(withTabs.Applications!)!;
            if (Figures(counts).SequenceEqual(Figures(original))) continue;
            Assert.All(Figures(counts), Assert.Null);
            Assert.Contains(spaced.Findings, f => f.Message.Contains(row.Where, StringComparison.Ordinal));
        }
        var review = spaced.Report.ReviewAndLitigation!;
        OutcomeGroup[] groups = [review.AdministrativeReconsideration, review.LitigationWithoutReconsideration, review.LitigationAfterReconsideration];
        Assert.All(groups.SelectMany(g => new[] { g.Upheld, g.Corrected, g.OtherResult, g.Pending, g.Total }), c => Assert.True(c.IsBlank));
        // Section 二 has no blank cell, so it reads the same.
        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(withTabs.LegacyProactiveTables, ReportJson.Options),
            System.Text.Json.JsonSerializer.Serialize(spaced.Report.LegacyProactiveTables, ReportJson.Options));
        Assert.All(spaced.Findings, f => Assert.Contains(int.Parse(f.Where[1..^1]), Enumerable.Range(1, lines.Length)));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Full_width_digits_and_points_in_tables_read_the_same(string fixture)
    {
        var text = TestPaths.ReadFixture(fixture);
        var fullWidth = string.Join('\n', text.Split('\n').Select(line => line.Contains('\t') ? ToFullWidth(line) : line));
        Assert.NotEqual(text, fullWidth);

        var result = TextImporter.Import(fullWidth);

        Assert.Equal(TypoRows(fixture), result.Findings.Select(f => (f.Rule, f.Where)));
        Assert.Equal(Json(text), ReportJson.Serialize(result.Report));
    }

    /// <summary>Digits and points of figures and row numbers to full width; a text cell ("251000元") is kept as printed, so it is left alone.</summary>
    private static string ToFullWidth(string line) => string.Join('\t', line.Split('\t').Select(cell =>
    {
        if (cell.EndsWith('元')) return cell;
        var sb = new StringBuilder(cell.Length);
        foreach (var c in cell) sb.Append(c is >= '0' and <= '9' or '.' ? (char)(c + 0xFEE0) : c);
        return sb.ToString();
    }));

    [Fact]
    public void Half_width_parentheses_spaces_and_unnumbered_labels_read_the_same()
    {
        const string fixture = "2024_huaian_city_gov.txt";
        var text = TestPaths.ReadFixture(fixture)
            .Replace("\t（三）不予公开\t1.属于国家秘密", "\t(三) 不予公开\t１．属于国家秘密")
            .Replace("\t\t2.其他法律行政法规禁止公开\t", "\t\t其他法律行政法规禁止公开\t")
            .Replace("\t（七）总计\t", "\t( 七 )总计\t")
            .Replace("二、上年结转政府信息公开申请数量", "二.上年结转政府信息公开申请数量");

        var result = TextImporter.Import(text);

        Assert.Empty(result.Findings);
        Assert.Equal(Json(TestPaths.ReadFixture(fixture)), ReportJson.Serialize(result.Report));
    }

    [Fact]
    public void Slash_and_dash_cells_are_kept_as_printed_and_blank_cells_stay_blank()
    {
        const string fixture = "2024_huaian_city_gov.txt";
        Assert.Equal("\t\t3.危及“三安全一稳定”\t5\t0\t0\t0\t0\t0\t5", Line(fixture, 37));

        var result = TextImporter.Import(WithLine(fixture, 37, "\t\t3.危及“三安全一稳定”\t5\t/\t—\t\t0\t0\t5"));

        Assert.Empty(result.Findings);
        var row = result.Report.Applications!.NotDisclosed.EndangersSecurityOrStability;
        Assert.Equal(5m, row.NaturalPerson.Value);
        Assert.Equal("/", row.CommercialEnterprise.Text);
        Assert.Equal("—", row.ResearchInstitution.Text);
        Assert.True(row.PublicWelfareOrganization.IsBlank);
        Assert.Equal(5m, row.Total.Value);
    }

    [Fact]
    public void A_label_in_the_wrong_cell_is_read_by_its_place_in_the_group()
    {
        const string fixture = "2022_hongsibu_approval_bureau.txt";
        Assert.StartsWith("3.其他\t\t0", Line(fixture, 65));

        var report = TextImporter.Import(WithLine(fixture, 65, "3.其他\t\t7\t1\t0\t0\t0\t2\t10\t")).Report;

        Assert.Equal([7m, 1m, 0m, 0m, 0m, 2m, 10m], Figures(report.Applications!.OtherProcessing.Other!));
        Assert.Equal(0m, report.Applications.OtherProcessing.FeeUnpaid!.Total.Value);
        Assert.Equal(0m, report.Applications.NotDisclosed.EndangersSecurityOrStability.Total.Value);
    }

    [Fact]
    public void A_row_missing_a_cell_is_reported_with_its_line_and_left_blank()
    {
        const string fixture = "2024_huaian_city_gov.txt";
        Assert.Equal("\t\t2.其他法律行政法规禁止公开\t30\t1\t0\t0\t0\t0\t31", Line(fixture, 36));
        var original = TextImporter.Import(TestPaths.ReadFixture(fixture)).Report;

        var result = TextImporter.Import(WithLine(fixture, 36, "\t\t2.其他法律行政法规禁止公开\t30\t1\t0\t0\t0\t31"));

        var finding = Assert.Single(result.Findings);
        Assert.Equal(new Finding(Rules.ImportUnreadable, Severity.Error, "第36行", finding.Message), finding);
        Assert.Contains("（三）不予公开.2.其他法律行政法规禁止公开", finding.Message);
        Assert.All(Figures(result.Report.Applications!.NotDisclosed.ProhibitedByLaw), Assert.Null);
        // The neighbours are untouched.
        Assert.Equal(Figures(original.Applications!.NotDisclosed.StateSecret), Figures(result.Report.Applications.NotDisclosed.StateSecret));
        Assert.Equal(Figures(original.Applications.NotDisclosed.EndangersSecurityOrStability), Figures(result.Report.Applications.NotDisclosed.EndangersSecurityOrStability));
    }

    [Fact]
    public void A_row_with_an_extra_figure_is_reported_rather_than_truncated()
    {
        const string fixture = "2024_huaian_city_gov.txt";

        var result = TextImporter.Import(WithLine(fixture, 31, Line(fixture, 31) + "\t9"));

        var finding = Assert.Single(result.Findings);
        Assert.Equal("第31行", finding.Where);
        Assert.All(Figures(result.Report.Applications!.NewApplications), Assert.Null);
    }

    [Fact]
    public void An_unrecognised_line_inside_a_table_is_reported_and_its_figures_go_nowhere()
    {
        const string fixture = "2024_huaian_city_gov.txt";
        var lines = Lines(fixture).ToList();
        lines.Insert(40, "备注：本表由办公室统计\t\t\t777\t0\t0\t0\t0\t0\t777");
        var original = Json(TestPaths.ReadFixture(fixture));

        var result = TextImporter.Import(string.Join('\n', lines));

        var finding = Assert.Single(result.Findings);
        Assert.Equal("第41行", finding.Where);
        Assert.Equal(Rules.ImportUnreadable, finding.Rule);
        Assert.DoesNotContain("777", ReportJson.Serialize(result.Report));
        Assert.Equal(original, ReportJson.Serialize(result.Report));
    }

    [Fact]
    public void A_garbled_row_label_is_reported_with_its_line_and_the_row_is_reported_missing()
    {
        const string fixture = "2024_huaian_city_gov.txt";
        Assert.StartsWith("\t\t6.属于四类过程性信息\t12", Line(fixture, 40));

        var result = TextImporter.Import(WithLine(fixture, 40, "\t\t#@%&*\t12\t0\t0\t0\t0\t0\t12"));

        Assert.Contains(result.Findings, f => f.Where == "第40行" && f.Rule == Rules.ImportUnreadable);
        Assert.Contains(result.Findings, f => f.Message.Contains("（三）不予公开.6.属于四类过程性信息", StringComparison.Ordinal));
        Assert.All(Figures(result.Report.Applications!.NotDisclosed.ProcessInformation), Assert.Null);
        Assert.All(result.Findings, f => Assert.Equal(Severity.Error, f.Severity));
    }

    [Fact]
    public void A_short_review_row_is_reported_with_its_line()
    {
        const string fixture = "2024_huaian_city_gov.txt";
        Assert.Equal("72\t64\t178\t37\t351\t13\t4\t8\t1\t26\t12\t1\t1\t6\t20", Line(fixture, 60));

        var result = TextImporter.Import(WithLine(fixture, 60, "72\t64\t178\t37\t351\t13\t4\t8\t1\t26\t12\t1\t1\t6"));

        var finding = Assert.Single(result.Findings);
        Assert.Equal("第60行", finding.Where);
        Assert.Null(result.Report.ReviewAndLitigation!.AdministrativeReconsideration.Total.Value);
    }

    [Fact]
    public void A_missing_section_is_reported()
    {
        const string fixture = "2024_hongze_district_gov.txt";
        var lines = Lines(fixture).ToList();
        Assert.Equal("四、政府信息公开行政复议、行政诉讼情况", lines[53]);
        lines.RemoveRange(53, 5);

        var result = TextImporter.Import(string.Join('\n', lines));

        Assert.Equal([(Rules.LabelTypo, "第36行")], result.Findings.Where(f => f.Rule != Rules.ImportUnreadable).Select(f => (f.Rule, f.Where)));
        var finding = Assert.Single(result.Findings, f => f.Rule == Rules.ImportUnreadable);
        Assert.Contains("第四部分", finding.Message);
        Assert.Equal("第54行", finding.Where);
        Assert.Null(result.Report.ReviewAndLitigation);
        Assert.Equal(95m, result.Report.Applications!.NewApplications.Total.Value);
    }

    [Fact]
    public void A_missing_row_of_section_three_is_reported()
    {
        const string fixture = "2023_hongze_district_gov.txt";
        var lines = Lines(fixture).ToList();
        Assert.StartsWith("\t（四）无法提供\t1.本机关不掌握相关政府信息", lines[43]);
        lines.RemoveAt(45);

        var result = TextImporter.Import(string.Join('\n', lines));

        Assert.Equal([(Rules.LabelTypo, "第37行")], result.Findings.Where(f => f.Rule != Rules.ImportUnreadable).Select(f => (f.Rule, f.Where)));
        var finding = Assert.Single(result.Findings, f => f.Rule == Rules.ImportUnreadable);
        Assert.Contains("（四）无法提供.3.补正后申请内容仍不明确", finding.Message);
        Assert.Equal("第28行", finding.Where);
        Assert.All(Figures(result.Report.Applications!.UnableToProvide.UnclearAfterCorrection), Assert.Null);
    }

    [Fact]
    public void Text_without_a_title_is_reported_on_its_first_line()
    {
        var text = string.Join('\n', Lines("2024_hongze_district_gov.txt").Skip(2));

        var result = TextImporter.Import(text);

        Assert.Equal([(Rules.LabelTypo, "第34行")], result.Findings.Where(f => f.Rule != Rules.ImportUnreadable).Select(f => (f.Rule, f.Where)));
        var finding = Assert.Single(result.Findings, f => f.Rule == Rules.ImportUnreadable);
        Assert.Equal("第2行", finding.Where);
        Assert.Contains("标题", finding.Message);
        Assert.Equal(95m, result.Report.Applications!.NewApplications.Total.Value);
    }

    [Theory]
    [InlineData("红寺堡区审批服务管理局\n\n2022 年政府信息公开工作年度报告", "红寺堡区审批服务管理局", 2022)]
    [InlineData("2019年上海市人民政府办公厅政府信息公开工作年度报告", "上海市人民政府办公厅", 2019)]
    [InlineData("淮安市人民政府２０２４年度政府信息公开工作年度报告", "淮安市人民政府", 2024)]
    public void Title_blocks_in_their_printed_variants(string title, string agency, int year)
    {
        var report = TextImporter.Import(title + "\n" + string.Join('\n', Lines("2024_hongze_district_gov.txt").Skip(2))).Report;

        Assert.Equal(agency, report.AgencyName);
        Assert.Equal(year, report.Year);
    }
}
