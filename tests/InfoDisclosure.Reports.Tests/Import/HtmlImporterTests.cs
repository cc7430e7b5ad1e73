using System.Text.RegularExpressions;
using FsCheck.Xunit;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Rendering;
using InfoDisclosure.Reports.Tests.Generators;
using InfoDisclosure.Reports.Validation;
using InfoDisclosure.Tests.Shared;

namespace InfoDisclosure.Reports.Tests.Import;

public class HtmlImporterTests
{
    public static TheoryData<string> Fixtures { get; } = new(
        "2022_hongsibu_approval_bureau.txt",
        "2023_hongze_district_gov.txt",
        "2024_hongze_district_gov.txt",
        "2024_huaian_city_gov.txt",
        "2019_shanghai_gov_office_OLD_FORMAT.txt");

    private static AnnualReport FixtureReport(string fixture) => ReportImporter.ImportText(TestPaths.ReadFixture(fixture)).Report;

    private static readonly HtmlPortalPage Plain = new();

    /// <summary>The 1-based line of the first occurrence of <paramref name="marker"/> at or after <paramref name="from"/>.</summary>
    private static int LineOf(string html, string marker, int from = 0) => html[..html.IndexOf(marker, from, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    /// <summary>The source of the table row holding <paramref name="label"/>, changed by <paramref name="change"/>.</summary>
    private static string ChangeRow(string html, string label, Func<string, string> change)
    {
        var at = html.IndexOf(label, StringComparison.Ordinal);
        var start = html.LastIndexOf("<tr>", at, StringComparison.Ordinal);
        var end = html.IndexOf("</tr>", at, StringComparison.Ordinal);
        return html[..start] + change(html[start..end]) + html[end..];
    }

    private static string ReplaceFirst(string text, string old, string replacement)
    {
        var at = text.IndexOf(old, StringComparison.Ordinal);
        return text[..at] + replacement + text[(at + old.Length)..];
    }

    private static readonly Regex Td = new(@"    <td[^>]*>\n.*?\n    </td>\n", RegexOptions.Singleline);

    private static Finding SingleUnreadable(ImportResult result)
    {
        var finding = Assert.Single(result.Findings);
        Assert.Equal(Rules.ImportUnreadable, finding.Rule);
        return finding;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void A_portal_page_of_every_fixture_imports_to_the_same_report(string fixture)
    {
        var report = FixtureReport(fixture);
        var imported = HtmlImporter.Import(Plain.Write(report));
        Assert.Empty(imported.Findings);
        Assert.Equal(ReportJson.Serialize(report), ReportJson.Serialize(imported.Report));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Published_variations_import_to_the_same_report(string fixture)
    {
        var report = FixtureReport(fixture);
        var page = new HtmlPortalPage { FullWidthDigits = true, ThousandsSeparators = true, LabelVariants = true, CaptionParagraphs = true, LayoutTable = true };
        var imported = HtmlImporter.Import(page.Write(report));
        // The label variants print "2.其他法律行政止公开": read all the same, and named.
        var typo = Assert.Single(imported.Findings);
        Assert.Equal((Rules.LabelTypo, Severity.Warning), (typo.Rule, typo.Severity));
        Assert.Contains("“其他法律行政止公开”", typo.Message);
        Assert.Equal(ReportJson.Serialize(report), ReportJson.Serialize(imported.Report));
    }

    [Fact]
    public void The_figures_of_huaian_2024_are_read_from_the_page()
    {
        var html = new HtmlPortalPage { ThousandsSeparators = true, FullWidthDigits = true }.Write(FixtureReport("2024_huaian_city_gov.txt"));
        Assert.Contains("３,１１９", html);
        var report = HtmlImporter.Import(html).Report;
        Assert.Equal("淮安市人民政府", report.AgencyName);
        Assert.Equal(2024, report.Year);
        Assert.Equal(3119m, report.Applications!.NewApplications.Total.Value);
        Assert.Equal(3050m, report.Applications.ResultsTotal.Total.Value);
        Assert.Equal(110m, report.Applications.OtherProcessing.Other!.Total.Value);
        Assert.Equal(96171.6m, report.ProactiveDisclosure!.AdministrativeFees.Value);
        Assert.Equal(3985758m, report.ProactiveDisclosure.AdministrativePunishment.Value);
        Assert.Equal(351m, report.ReviewAndLitigation!.AdministrativeReconsideration.Total.Value);
        Assert.Equal(20m, report.ReviewAndLitigation.LitigationAfterReconsideration.Total.Value);
        Assert.Equal("0517-83605210", report.Opening.Contact.Phone);
        Assert.Equal(3940m, report.OtherMatters.ProcessingFeeYuan);
    }

    [Fact]
    public void The_portal_menus_breadcrumb_and_footer_are_not_part_of_the_report()
    {
        var report = HtmlImporter.Import(Plain.Write(FixtureReport("2024_huaian_city_gov.txt"))).Report;
        Assert.Equal("淮安市人民政府", report.AgencyName);
        var texts = report.Opening.Paragraphs.Concat(report.OtherMatters.Introduction).Concat(report.OtherMatters.Parts.SelectMany(p => p.Paragraphs));
        Assert.DoesNotContain(texts, t => t.Contains("首页", StringComparison.Ordinal) || t.Contains("主办单位", StringComparison.Ordinal));
    }

    [Fact]
    public void The_2019_trial_format_is_recognised_with_its_tables_kept_as_printed()
    {
        var report = HtmlImporter.Import(Plain.Write(FixtureReport("2019_shanghai_gov_office_OLD_FORMAT.txt"))).Report;
        Assert.Equal(ReportFormats.Format2019, report.FormatVersion);
        Assert.Null(report.ProactiveDisclosure);
        var procurement = report.LegacyProactiveTables!.Single(t => t.Caption == "第二十条第（九）项");
        Assert.Equal(["信息内容", "采购项目数量", "采购总金额"], procurement.Header);
        Assert.Equal("251000元", procurement.Rows.Single().Cells[1].Text);
        Assert.NotNull(report.Applications!.OtherProcessing.SingleRow);
    }

    [Fact]
    public void A_row_with_a_missing_cell_is_a_finding_on_its_line_and_no_figure_is_invented()
    {
        var html = Plain.Write(FixtureReport("2024_huaian_city_gov.txt"));
        html = ChangeRow(html, "1.属于国家秘密", row => Td.Replace(row, "", 1, row.IndexOf("1.属于国家秘密", StringComparison.Ordinal)));
        var result = HtmlImporter.Import(html);
        var finding = SingleUnreadable(result);
        Assert.Equal($"第{LineOf(html, "<tr>", html.LastIndexOf("<tr>", html.IndexOf("1.属于国家秘密", StringComparison.Ordinal), StringComparison.Ordinal))}行", finding.Where);
        Assert.Contains("（三）不予公开.1.属于国家秘密", finding.Message);
        Assert.All(ApplicantCounts.Columns, c => Assert.True(result.Report.Applications!.NotDisclosed.StateSecret[c].IsBlank));
        Assert.Equal(31m, result.Report.Applications!.NotDisclosed.ProhibitedByLaw.Total.Value);
    }

    [Fact]
    public void A_figure_spanning_two_columns_is_not_read_twice()
    {
        var html = Plain.Write(FixtureReport("2024_huaian_city_gov.txt"));
        // 8.属于行政查询事项: 105 0 0 0 0 0 105 → "105" spanning 自然人 and 商业企业, one cell fewer.
        html = ChangeRow(html, "8.属于行政查询事项", row =>
        {
            var figures = Td.Matches(row).Skip(1).ToList();
            var merged = figures[0].Value.Replace("<td ", "<td colspan=\"2\" ", StringComparison.Ordinal);
            return row.Replace(figures[0].Value + figures[1].Value, merged, StringComparison.Ordinal);
        });
        var result = HtmlImporter.Import(html);
        var finding = SingleUnreadable(result);
        Assert.Contains("105", finding.Message);
        Assert.True(result.Report.Applications!.NotDisclosed.AdministrativeInquiry.CommercialEnterprise.IsBlank);
        Assert.True(result.Report.Applications.NotDisclosed.AdministrativeInquiry.NaturalPerson.IsBlank);
    }

    [Fact]
    public void A_figure_spanning_two_rows_is_not_read_twice()
    {
        var html = Plain.Write(FixtureReport("2024_hongze_district_gov.txt"));
        html = ChangeRow(html, "2.重复申请", row =>
        {
            var figures = Td.Matches(row).Skip(1).ToList();
            return row.Replace(figures[6].Value, figures[6].Value.Replace("<td ", "<td rowspan=\"2\" ", StringComparison.Ordinal), StringComparison.Ordinal);
        });
        html = ChangeRow(html, "3.要求提供公开出版物", row => row.Remove(Td.Matches(row).Last().Index, Td.Matches(row).Last().Length));
        var result = HtmlImporter.Import(html);
        var finding = SingleUnreadable(result);
        Assert.Contains("3.要求提供公开出版物", finding.Message);
        Assert.True(result.Report.Applications!.NotProcessed.PublicationRequested.Total.IsBlank);
        Assert.False(result.Report.Applications.NotProcessed.Repeated.Total.IsBlank);
    }

    [Fact]
    public void An_unknown_row_is_a_finding_on_its_line()
    {
        var html = Plain.Write(FixtureReport("2023_hongze_district_gov.txt"));
        var extra = "  <tr>\n    <td colspan=\"3\">五、本年度撤回申请数量</td>\n" + string.Concat(Enumerable.Repeat("    <td>\n      7\n    </td>\n", 7)) + "  </tr>\n";
        var at = html.IndexOf("<tr>", html.IndexOf("四、结转下年度继续办理", StringComparison.Ordinal) - 200, StringComparison.Ordinal);
        html = html.Insert(html.IndexOf("</tbody>", at, StringComparison.Ordinal), extra);
        var result = HtmlImporter.Import(html);
        var finding = SingleUnreadable(result);
        Assert.Contains("五、本年度撤回申请数量", finding.Message);
        Assert.Equal($"第{LineOf(html, "五、本年度撤回申请数量") - 1}行", finding.Where);
    }

    [Fact]
    public void A_label_in_the_wrong_cell_is_still_its_row()
    {
        var report = FixtureReport("2024_huaian_city_gov.txt");
        var html = Plain.Write(report);
        // As 2022_hongsibu prints it: the （六） group spans two rows only, and "3.其他" sits in the first cell.
        html = html.Replace("rowspan=\"3\" valign=\"center\">\n      <p align=\"center\"><span style=\"font-size:10.5pt\">（六）其他处理",
            "rowspan=\"2\" valign=\"center\">\n      <p align=\"center\"><span style=\"font-size:10.5pt\">（六）其他处理", StringComparison.Ordinal);
        html = html.Replace("rowspan=\"22\"", "rowspan=\"20\"", StringComparison.Ordinal);
        html = ChangeRow(html, ">3.其他<", row => ReplaceFirst(row, "<td valign", "<td colspan=\"3\" valign"));
        html = ChangeRow(html, "（七）总计", row => row.Replace("colspan=\"2\"", "colspan=\"3\"", StringComparison.Ordinal));
        Assert.Contains("rowspan=\"2\" valign=\"center\">\n      <p align=\"center\"><span style=\"font-size:10.5pt\">（六）其他处理", html);
        Assert.Contains("<td colspan=\"3\" valign=\"center\">\n      <p align=\"center\"><span style=\"font-size:10.5pt\">3.其他", html);
        Assert.Contains("rowspan=\"20\"", html);
        var result = HtmlImporter.Import(html);
        Assert.Empty(result.Findings);
        Assert.Equal(ReportJson.Serialize(report), ReportJson.Serialize(result.Report));
    }

    [Fact]
    public void Other_processing_as_one_row_is_read_as_one_row()
    {
        var report = FixtureReport("2023_hongze_district_gov.txt");
        Assert.NotNull(report.Applications!.OtherProcessing.SingleRow);
        var imported = HtmlImporter.Import(new HtmlPortalPage { LabelVariants = true }.Write(report)).Report;
        Assert.NotNull(imported.Applications!.OtherProcessing.SingleRow);
        Assert.Null(imported.Applications.OtherProcessing.Other);
        Assert.Equal(ReportJson.Serialize(report), ReportJson.Serialize(imported));
    }

    [Fact]
    public void Text_beside_a_table_that_is_not_read_is_a_finding()
    {
        var html = Plain.Write(FixtureReport("2024_hongze_district_gov.txt"));
        var at = html.IndexOf("四、政府信息公开行政复议", StringComparison.Ordinal);
        html = html.Insert(html.LastIndexOf("<p", at, StringComparison.Ordinal), "<p>注：另有3件申请于次年1月办结。</p>\n");
        var finding = SingleUnreadable(HtmlImporter.Import(html));
        Assert.Contains("另有3件申请", finding.Message);
        Assert.Equal($"第{LineOf(html, "注：另有3件")}行", finding.Where);
    }

    [Fact]
    public void An_unknown_table_is_a_finding_and_a_missing_table_is_named()
    {
        var html = Plain.Write(FixtureReport("2024_hongze_district_gov.txt"));
        var start = html.IndexOf("<table border=\"1\">\n  <tr>\n", html.IndexOf("四、政府信息公开行政复议", StringComparison.Ordinal), StringComparison.Ordinal);
        var end = html.IndexOf("</table>", start, StringComparison.Ordinal) + "</table>\n".Length;
        html = html.Remove(start, end - start);
        html = html.Replace("</div>\n</div>\n<div class=\"footer\">", "<table><tr><td>序号</td><td>提案名称</td></tr><tr><td>1</td><td>关于加强政务公开的建议</td></tr></table>\n</div>\n</div>\n<div class=\"footer\">", StringComparison.Ordinal);
        var result = HtmlImporter.Import(html);
        Assert.Equal(2, result.Findings.Count);
        Assert.All(result.Findings, f => Assert.Equal(Rules.ImportUnreadable, f.Rule));
        Assert.Contains(result.Findings, f => f.Message.Contains("第四部分没有表格", StringComparison.Ordinal) && f.Where == $"第{LineOf(html, "四、政府信息公开行政复议")}行");
        Assert.Contains(result.Findings, f => f.Message.Contains("提案名称", StringComparison.Ordinal));
        Assert.Null(result.Report.ReviewAndLitigation);
    }

    [Fact]
    public void A_title_without_agency_is_reported_by_the_prose_rules_on_its_page_line()
    {
        var report = FixtureReport("2024_hongze_district_gov.txt");
        var html = Plain.Write(report);
        var agency = html.IndexOf("<p align=\"center\"", StringComparison.Ordinal);
        html = html.Remove(agency, html.IndexOf("</p>", agency, StringComparison.Ordinal) + "</p>\n".Length - agency);
        var result = HtmlImporter.Import(html);
        var finding = SingleUnreadable(result);
        Assert.Contains("机关名称", finding.Message);
        Assert.Equal($"第{LineOf(html, "2024年政府信息公开工作年度报告</span>")}行", finding.Where);
        Assert.Equal("", result.Report.AgencyName);
        Assert.Equal(report.Opening.Paragraphs, result.Report.Opening.Paragraphs);
    }

    [Fact]
    public void The_report_importer_recognises_html_by_content()
    {
        var report = FixtureReport("2024_huaian_city_gov.txt");
        var imported = ReportImporter.Import(Plain.Write(report));
        Assert.Equal(ReportJson.Serialize(report), ReportJson.Serialize(imported.Report));
    }

    [Theory]
    [InlineData("")]
    [InlineData("<p>你好</p>")]
    [InlineData("<html><body><table><tr><td rowspan=\"0\" colspan=\"0\">x</td></tr><tr></tr></table></body></html>")]
    [InlineData("<table><tr><td>自然人</td></tr><tr><td>一、本年新收政府信息公开申请数量</td><td>1</td></tr></table>")]
    [InlineData("<h1>某局2024年政府信息公开工作年度报告</h1><p>一、总体情况</p><table><tr><td>行政复议</td><td>行政诉讼</td></tr><tr><td>1</td></tr></table>")]
    public void A_page_that_is_not_a_report_gives_findings_not_an_exception(string html)
    {
        var result = HtmlImporter.Import(html);
        Assert.NotEmpty(result.Findings);
        Assert.All(result.Findings, f => Assert.Equal(Rules.ImportUnreadable, f.Rule));
    }

    private static readonly Regex TableCell = new(@"<td data-where=""[^""]*"">[^<]*</td>|<th [^>]*scope=""row(?:group)?""[^>]*>[^<]*</th>");

    /// <summary>
    /// A cell of a body row deleted, doubled, or given a colspan or rowspan of 2: whatever the import then reads
    /// differently from the report is accompanied by a finding. No figure is dropped, moved or made up silently.
    /// </summary>
    [Property(Arbitrary = [typeof(ReportArbitraries)], MaxTest = 300)]
    public void A_damaged_table_never_changes_a_figure_silently(AnnualReport report, int pick, byte kind)
    {
        var html = HtmlRenderer.RenderFragment(report);
        var cells = TableCell.Matches(html);
        var cell = cells[(int)((uint)pick % (uint)cells.Count)];
        var tag = cell.Value[..3];
        var damaged = (kind % 4) switch
        {
            0 => "",
            1 => cell.Value + cell.Value,
            2 => tag + " colspan=\"2\"" + cell.Value[3..],
            _ => tag + " rowspan=\"2\"" + cell.Value[3..],
        };
        var result = HtmlImporter.Import(html[..cell.Index] + damaged + html[(cell.Index + cell.Length)..]);
        if (ReportJson.Serialize(result.Report) != ReportJson.Serialize(report))
        {
            var changed = ReportCells.Enumerate(report).Zip(ReportCells.Enumerate(result.Report))
                .Where(p => p.First != p.Second).Select(p => $"{p.First.Where}: {p.First.Value} → {p.Second.Where}: {p.Second.Value}");
            Assert.True(result.Findings.Any(f => f.Rule == Rules.ImportUnreadable),
                $"{cell.Value} damaged as {damaged} changed, without a finding: {string.Join("; ", changed)}");
        }
    }
}
