using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Rendering;
using InfoDisclosure.Tests.Shared;

namespace InfoDisclosure.Reports.Tests.Rendering;

public class DocxRendererTests
{
    private static AnnualReport Huaian() => ReportImporter.ImportText(TestPaths.ReadFixture("2024_huaian_city_gov.txt")).Report;

    private static WordprocessingDocument Open(byte[] docx) => WordprocessingDocument.Open(new MemoryStream(docx), false);

    private static string StyleOf(Paragraph p) => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "Normal";

    /// <summary>A Word table as a grid of texts: a gridSpan fills the columns it spans, a vMerge continuation repeats the text above.</summary>
    private static List<string[]> Grid(Table table)
    {
        var width = table.GetFirstChild<TableGrid>()!.Elements<GridColumn>().Count();
        var grid = new List<string[]>();
        foreach (var row in table.Elements<TableRow>())
        {
            var texts = new string[width];
            var column = 0;
            foreach (var cell in row.Elements<TableCell>())
            {
                var span = cell.TableCellProperties?.GridSpan?.Val?.Value ?? 1;
                var merge = cell.TableCellProperties?.VerticalMerge;
                var text = merge is not null && merge.Val is null ? grid[^1][column] : cell.InnerText;
                for (var i = 0; i < span; i++) texts[column + i] = text;
                column += span;
            }
            Assert.Equal(width, column);
            grid.Add(texts);
        }
        return grid;
    }

    [Fact]
    public void The_document_opens_and_is_valid_open_xml()
    {
        using var document = Open(DocxRenderer.Render(Huaian()));
        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.Empty(errors);
        Assert.Equal("淮安市人民政府2024年政府信息公开工作年度报告", document.PackageProperties.Title);
    }

    [Fact]
    public void It_has_the_title_the_section_headings_and_the_figures_of_the_fixture()
    {
        using var document = Open(DocxRenderer.Render(Huaian()));
        var body = document.MainDocumentPart!.Document!.Body!;
        var paragraphs = body.Elements<Paragraph>().ToList();
        Assert.Equal(["淮安市人民政府", "2024年政府信息公开工作年度报告"], paragraphs.Where(p => StyleOf(p) == "ReportTitle").Select(p => p.InnerText));
        Assert.Equal(
            ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"],
            paragraphs.Where(p => StyleOf(p) == "Heading1").Select(p => p.InnerText));
        Assert.Contains(paragraphs, p => p.InnerText.StartsWith("（一）主动公开情况。2024年，市政府网站主动公开各类政府信息5500余条", StringComparison.Ordinal));

        var tables = body.Elements<Table>().Select(Grid).ToList();
        Assert.Equal(6, tables.Count);
        Assert.Equal(["行政事业性收费", "96171.6"], tables[3][1]);
        Assert.Equal(["一、本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量", "3001", "53", "0", "0", "61", "4", "3119"], tables[4][3]);
        Assert.Equal(["72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6", "20"], tables[5][3]);
    }

    [Fact]
    public void Section_3_merges_cells_as_the_official_template()
    {
        using var document = Open(DocxRenderer.Render(Huaian()));
        var table = document.MainDocumentPart!.Document!.Body!.Elements<Table>().ElementAt(4);
        var grid = Grid(table);
        Assert.Equal(3 + 25, grid.Count);
        Assert.Equal([HtmlRenderer.Section3Note, HtmlRenderer.Section3Note, HtmlRenderer.Section3Note, "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"], grid[2]);
        Assert.Equal("法人或其他组织", grid[1][8]);

        var secret = grid.FindIndex(r => r[2] == "1.属于国家秘密");
        Assert.Equal(["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", "2", "0", "0", "0", "0", "0", "2"], grid[secret]);
        var other = grid.FindIndex(r => r[2] == "3.其他");
        Assert.Equal(["三、本年度办理结果", "（六）其他处理", "3.其他", "108", "2", "0", "0", "0", "0", "110"], grid[other]);
        Assert.Equal("三、本年度办理结果", grid[grid.FindIndex(r => r[1] == "（七）总计")][0]);
        Assert.Equal("四、结转下年度继续办理", grid[^1][0]);

        var merges = table.Descendants<VerticalMerge>().ToList();
        Assert.Equal(2 + 1 + 4 + 1, merges.Count(m => m.Val?.Value == MergedCellValues.Restart));
        Assert.Contains(table.Descendants<GridSpan>(), g => g.Val?.Value == 5);
        Assert.All(table.Elements<TableRow>().Take(3), r => Assert.NotNull(r.TableRowProperties?.GetFirstChild<TableHeader>()));
    }

    [Fact]
    public void Single_row_other_processing_and_legacy_tables_are_printed()
    {
        using var document = Open(DocxRenderer.Render(SampleReports.Shanghai2019()));
        var body = document.MainDocumentPart!.Document!.Body!;
        Assert.Empty(new OpenXmlValidator().Validate(document));
        var captions = body.Elements<Paragraph>().Where(p => StyleOf(p) == "TableCaption").Select(p => p.InnerText).ToList();
        Assert.Equal(["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项", "第二十条第（九）项"], captions);
        var tables = body.Elements<Table>().Select(Grid).ToList();
        Assert.Equal(["政府集中采购", "6", "251000元"], tables[4][1]);
        var section3 = tables[5];
        Assert.Equal(3 + 23, section3.Count);
        Assert.Equal(["三、本年度办理结果", "（六）其他处理", "（六）其他处理", "", "", "", "", "", "", ""], section3.Single(r => r[1] == "（六）其他处理"));
    }

    [Fact]
    public void Page_is_a4_with_chinese_fonts_and_page_numbers()
    {
        using var document = Open(DocxRenderer.Render(Huaian()));
        var main = document.MainDocumentPart!;
        var section = main.Document!.Body!.GetFirstChild<SectionProperties>()!;
        var size = section.GetFirstChild<PageSize>()!;
        Assert.Equal((11906u, 16838u), (size.Width!.Value, size.Height!.Value));
        var styles = main.StyleDefinitionsPart!.Styles!;
        Assert.Equal("仿宋_GB2312", styles.DocDefaults!.Descendants<RunFonts>().Single().EastAsia!.Value);
        string Font(string style) => styles.Elements<Style>().Single(s => s.StyleId == style).Descendants<RunFonts>().Single().EastAsia!.Value!;
        Assert.Equal("黑体", Font("Heading1"));
        Assert.Equal("宋体", Font("ReportTitle"));
        Assert.Equal("宋体", Font("TableText"));
        Assert.Contains(main.FooterParts.Single().Footer!.Descendants<SimpleField>(), f => f.Instruction!.Value!.Contains("PAGE", StringComparison.Ordinal));
    }

    [Fact]
    public void It_ends_with_the_agency_and_the_date_for_signature_and_seal()
    {
        using (var document = Open(DocxRenderer.Render(SampleReports.Shanghai2019())))
        {
            var last = document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().TakeLast(2).ToList();
            Assert.Equal(["上海市人民政府办公厅", "2020年1月31日"], last.Select(p => p.InnerText));
            Assert.All(last, p => Assert.Equal("Signature", StyleOf(p)));
        }
        using (var document = Open(DocxRenderer.Render(Huaian())))
        {
            var last = document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().TakeLast(2).ToList();
            Assert.Equal("淮安市人民政府", last[0].InnerText);
            Assert.Equal("　　　　年　　月　　日", last[1].InnerText);
        }
    }

    [Fact]
    public void Markup_in_any_text_is_escaped_in_the_document_xml()
    {
        const string attack = "<script>alert(1)</script>";
        var report = SampleReports.Huaian2024();
        report.AgencyName = attack + "局";
        report.Overview.Introduction.Add("介绍" + attack);
        report.ProactiveDisclosure!.AdministrativeFees = Cell.Parse(attack);
        var docx = DocxRenderer.Render(report);

        using var zip = new ZipArchive(new MemoryStream(docx));
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        var xml = reader.ReadToEnd();
        Assert.DoesNotContain("<script>", xml);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;局", xml);

        using var document = Open(docx);
        var body = document.MainDocumentPart!.Document!.Body!;
        Assert.Equal(attack + "局", body.Elements<Paragraph>().First().InnerText);
        Assert.Contains(body.Elements<Paragraph>(), p => p.InnerText == "介绍" + attack);
        Assert.Equal(["行政事业性收费", attack], Grid(body.Elements<Table>().ElementAt(3))[1]);
        Assert.Empty(new OpenXmlValidator().Validate(document));
    }

    [Fact]
    public void Characters_xml_cannot_carry_do_not_break_the_document()
    {
        var report = SampleReports.Huaian2024();
        report.Overview.Introduction.Add("复制时带入的控制字符\u0001和\u000B。");
        using var document = Open(DocxRenderer.Render(report));
        Assert.Contains(document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>(), p => p.InnerText == "复制时带入的控制字符\uFFFD和\uFFFD。");
    }
}
