using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Rendering;

namespace InfoDisclosure.Reports.Tests.Rendering;

public class HtmlRendererTests
{
    private static IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    private static HtmlTableGrid Grid(IHtmlDocument document, string table) =>
        HtmlTableGrid.Expand((IHtmlTableElement)document.QuerySelector($"table[data-table=\"{table}\"]")!);

    private static int RowOf(HtmlTableGrid grid, string label) =>
        Enumerable.Range(0, grid.Rows.Count).Single(r => grid.Rows[r].Any(c => c?.Text == label && c.Row == r));

    [Fact]
    public void Page_is_a_standalone_chinese_document_without_script_or_external_resources()
    {
        var html = HtmlRenderer.RenderPage(SampleReports.Huaian2024());
        Assert.StartsWith("<!doctype html>", html);
        var document = Parse(html);
        Assert.Equal("zh-CN", document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("utf-8", document.QuerySelector("meta[charset]")!.GetAttribute("charset"));
        Assert.Contains("width=device-width", document.QuerySelector("meta[name=viewport]")!.GetAttribute("content"));
        Assert.Equal("淮安市人民政府2024年政府信息公开工作年度报告", document.Title);
        Assert.Empty(document.QuerySelectorAll("script, link, img, iframe, object, embed"));
        Assert.DoesNotContain(document.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal) || a.Name is "src" or "href"));
        var css = document.QuerySelector("style")!.TextContent;
        Assert.DoesNotContain("url(", css);
        Assert.DoesNotContain("@import", css);
        Assert.Contains("@media print", css);
        Assert.Contains("size:A4", css);
    }

    [Fact]
    public void Page_has_the_title_and_the_six_section_headings_in_order()
    {
        var document = Parse(HtmlRenderer.RenderPage(SampleReports.Huaian2024()));
        Assert.Equal("淮安市人民政府2024年政府信息公开工作年度报告", HtmlText.Of(document.QuerySelector("h1")!));
        Assert.Equal(
            ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"],
            document.QuerySelectorAll("h2").Select(HtmlText.Of));
        Assert.Contains(document.QuerySelectorAll("p"), p => HtmlText.Of(p) == "（一）主动公开情况。2024年，市政府网站主动公开各类政府信息5500余条。");
    }

    [Fact]
    public void Section_3_header_spans_as_the_official_template()
    {
        var grid = Grid(Parse(HtmlRenderer.RenderFragment(SampleReports.Huaian2024())), "三");
        Assert.Equal(10, grid.Width);
        string[][] header =
        [
            [HtmlRenderer.Section3Note, HtmlRenderer.Section3Note, HtmlRenderer.Section3Note, "申请人情况", "申请人情况", "申请人情况", "申请人情况", "申请人情况", "申请人情况", "申请人情况"],
            [HtmlRenderer.Section3Note, HtmlRenderer.Section3Note, HtmlRenderer.Section3Note, "自然人", "法人或其他组织", "法人或其他组织", "法人或其他组织", "法人或其他组织", "法人或其他组织", "总计"],
            [HtmlRenderer.Section3Note, HtmlRenderer.Section3Note, HtmlRenderer.Section3Note, "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
        ];
        for (var r = 0; r < 3; r++) Assert.Equal(header[r], grid.Rows[r].Select(c => c!.Text));
    }

    [Fact]
    public void Section_3_row_labels_span_their_rows_and_groups()
    {
        var grid = Grid(Parse(HtmlRenderer.RenderFragment(SampleReports.Huaian2024())), "三");
        Assert.Equal(3 + 25, grid.Rows.Count);
        var first = grid.Rows[3];
        Assert.Equal(["一、本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量", "3001", "53", "0", "0", "61", "4", "3119"],
            first.Select(c => c!.Text));

        var secret = RowOf(grid, "1.属于国家秘密");
        Assert.Equal("三、本年度办理结果", grid[secret, 0]!.Text);
        Assert.Equal("（三）不予公开", grid[secret, 1]!.Text);
        Assert.Equal(22, grid[secret, 0]!.RowSpan);
        Assert.Equal(8, grid[secret, 1]!.RowSpan);
        Assert.Equal(3, grid[RowOf(grid, "1.本机关不掌握相关政府信息"), 1]!.RowSpan);
        Assert.Equal(5, grid[RowOf(grid, "1.信访举报投诉类申请"), 1]!.RowSpan);
        Assert.Equal(3, grid[RowOf(grid, "3.其他"), 1]!.RowSpan);

        var disclosed = RowOf(grid, "（一）予以公开");
        Assert.Equal(2, grid[disclosed, 1]!.ColumnSpan);
        Assert.Equal("1362", grid[disclosed, 9]!.Text);
        var total = RowOf(grid, "（七）总计");
        Assert.Equal("三、本年度办理结果", grid[total, 0]!.Text);
        Assert.Equal("3050", grid[total, 9]!.Text);
        Assert.Equal(3, grid[RowOf(grid, "四、结转下年度继续办理"), 0]!.ColumnSpan);
    }

    [Fact]
    public void Single_row_other_processing_spans_two_label_columns()
    {
        var grid = Grid(Parse(HtmlRenderer.RenderFragment(SampleReports.WithSingleRowOtherProcessing())), "三");
        Assert.Equal(3 + 23, grid.Rows.Count);
        var row = RowOf(grid, "（六）其他处理");
        Assert.Equal(1, grid[row, 1]!.RowSpan);
        Assert.Equal(2, grid[row, 1]!.ColumnSpan);
        Assert.Equal("187", grid[row, 9]!.Text);
        Assert.Equal(20, grid[row, 0]!.RowSpan);
        Assert.DoesNotContain(grid.Rows.SelectMany(r => r), c => c?.Text == "3.其他");
    }

    [Fact]
    public void Section_4_has_the_two_level_header_and_fifteen_figures()
    {
        var grid = Grid(Parse(HtmlRenderer.RenderFragment(SampleReports.Huaian2024())), "四");
        Assert.Equal(15, grid.Width);
        Assert.Equal(4, grid.Rows.Count);
        Assert.Equal(5, grid[0, 0]!.ColumnSpan);
        Assert.Equal("行政复议", grid[0, 4]!.Text);
        Assert.Equal(10, grid[0, 5]!.ColumnSpan);
        Assert.Equal("行政诉讼", grid[0, 14]!.Text);
        Assert.Equal(2, grid[1, 0]!.RowSpan);
        Assert.Equal("结果维持", grid[2, 0]!.Text);
        Assert.Equal("未经复议直接起诉", grid[1, 9]!.Text);
        Assert.Equal("复议后起诉", grid[1, 10]!.Text);
        Assert.Equal("尚未审结", grid[2, 13]!.Text);
        Assert.Equal(["72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6", "20"], grid.Rows[3].Select(c => c!.Text));
    }

    [Fact]
    public void Section_2_is_four_captioned_tables()
    {
        var document = Parse(HtmlRenderer.RenderFragment(SampleReports.Huaian2024()));
        var tables = document.QuerySelectorAll("table.t2").Cast<IHtmlTableElement>().Select(HtmlTableGrid.Expand).ToList();
        Assert.Equal(["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"], tables.Select(t => t.Caption));
        Assert.Equal(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], tables[0].Rows[0].Select(c => c!.Text));
        Assert.Equal(["行政规范性文件", "8", "26", "66"], tables[0].Rows[2].Select(c => c!.Text));
        Assert.Equal(["行政强制", "88283"], tables[2].Rows[2].Select(c => c!.Text));
        Assert.Equal(["信息内容", "本年收费金额（单位：万元）"], tables[3].Rows[0].Select(c => c!.Text));
        Assert.Equal(["行政事业性收费", "96171.6"], tables[3].Rows[1].Select(c => c!.Text));
    }

    [Fact]
    public void Legacy_section_2_tables_are_printed_as_kept()
    {
        var document = Parse(HtmlRenderer.RenderFragment(SampleReports.Shanghai2019()));
        Assert.Equal("2019", document.QuerySelector("article")!.GetAttribute("data-format"));
        var tables = document.QuerySelectorAll("table.t2").Cast<IHtmlTableElement>().Select(HtmlTableGrid.Expand).ToList();
        Assert.Equal(5, tables.Count);
        Assert.Equal("第二十条第（九）项", tables[4].Caption);
        Assert.Equal(["信息内容", "采购项目数量", "采购总金额"], tables[4].Rows[0].Select(c => c!.Text));
        Assert.Equal(["政府集中采购", "6", "251000元"], tables[4].Rows[1].Select(c => c!.Text));
        Assert.Equal("发布日期：2020-01-31", HtmlText.Of(document.QuerySelector(".report-date")!));
    }

    [Theory]
    [InlineData(nameof(SampleReports.Huaian2024))]
    [InlineData(nameof(SampleReports.WithSingleRowOtherProcessing))]
    [InlineData(nameof(SampleReports.Shanghai2019))]
    public void Every_figure_carries_its_place_and_prints_its_value(string sample)
    {
        var report = (AnnualReport)typeof(SampleReports).GetMethod(sample)!.Invoke(null, null)!;
        var document = Parse(HtmlRenderer.RenderFragment(report));
        var figures = document.QuerySelectorAll("td").ToList();
        var cells = ReportCells.Enumerate(report).ToList();
        Assert.Equal(cells.Count, figures.Count);
        Assert.Equal(cells.Select(c => c.Where), figures.Select(td => td.GetAttribute("data-where")));
        Assert.Equal(cells.Select(c => c.Value.ToString()), figures.Select(td => td.TextContent));
    }

    [Fact]
    public void Blank_and_text_cells_print_as_they_are()
    {
        var document = Parse(HtmlRenderer.RenderFragment(SampleReports.WithSingleRowOtherProcessing()));
        Assert.Equal("", document.QuerySelector("td[data-where=\"三.（一）予以公开.科研机构\"]")!.TextContent);
        Assert.Equal("/", document.QuerySelector("td[data-where=\"三.（一）予以公开.社会公益组织\"]")!.TextContent);
        Assert.Equal("0", document.QuerySelector("td[data-where=\"三.（五）不予处理.3.要求提供公开出版物.自然人\"]")!.TextContent);
        Assert.Equal("187", document.QuerySelector("td[data-where=\"三.（六）其他处理.总计\"]")!.TextContent);
    }

    [Fact]
    public void Fragment_is_the_article_alone_and_the_page_wraps_the_same_article()
    {
        var report = SampleReports.Huaian2024();
        var fragment = HtmlRenderer.RenderFragment(report);
        Assert.StartsWith("<article class=\"gov-report\"", fragment);
        Assert.DoesNotContain("<style", fragment);
        Assert.DoesNotContain("<html", fragment);
        Assert.Contains(fragment, HtmlRenderer.RenderPage(report));
    }

    [Fact]
    public void Markup_in_any_text_is_escaped_in_page_and_fragment()
    {
        const string attack = "<script>alert(1)</script>";
        var report = SampleReports.Huaian2024();
        report.AgencyName = attack + "局";
        report.Overview.Introduction.Add("介绍" + attack);
        report.OtherMatters.Parts.Add(new NarrativePart { Title = "标题\"><img src=x onerror=alert(2)>", Paragraphs = ["段落" + attack] });
        report.ProactiveDisclosure!.AdministrativeFees = Cell.Parse(attack);
        report.Applications!.Disclosed.Other = Cell.Parse("<b>3</b>");

        foreach (var html in new[] { HtmlRenderer.RenderPage(report), HtmlRenderer.RenderFragment(report) })
        {
            Assert.DoesNotContain("<script>", html);
            Assert.DoesNotContain("<img", html);
            Assert.DoesNotContain("<b>", html);
            var document = Parse(html);
            Assert.Empty(document.QuerySelectorAll("script, img, b"));
            Assert.Equal(attack + "局", HtmlText.Of(document.QuerySelector(".report-agency")!));
            Assert.Contains(document.QuerySelectorAll("p"), p => p.TextContent == "介绍" + attack);
            Assert.Contains(document.QuerySelectorAll("h3, p"), e => e.TextContent.Contains("标题\"><img src=x onerror=alert(2)>", StringComparison.Ordinal));
            Assert.Equal(attack, document.QuerySelector("td[data-where=\"二.第二十条第（八）项.行政事业性收费.本年收费金额\"]")!.TextContent);
            Assert.Equal("<b>3</b>", document.QuerySelector("td[data-where=\"三.（一）予以公开.其他\"]")!.TextContent);
        }
    }
}
