using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using FsCheck.Xunit;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Rendering;
using InfoDisclosure.Reports.Tests.Generators;
using InfoDisclosure.Reports.Tests.Import.Reference;
using InfoDisclosure.Tests.Shared;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace InfoDisclosure.Reports.Tests.Import;

/// <summary>
/// The DOCX reader that reads the XML from the zip gives the same blocks (text, names, grids) as the reader on the
/// OpenXml SDK's object model it replaced (<see cref="OpenXmlDocxReader"/>): on our own documents, on LibreOffice's,
/// and on documents with the markup the reader has to tell apart (breaks, tabs, deleted text, fields, content
/// controls, merged and skipped cells, layout tables, right alignment by style).
/// </summary>
public class DocxReaderDifferentialTests
{
    private static List<string> Described(IEnumerable<ReportBlock> blocks) => blocks.Select(b => b switch
    {
        TextBlock t => $"{t.Position} {t.Where} text «{t.Text}»",
        TableBlock t => $"{t.Position} {t.Where} table {t.Grid.Width}x{t.Grid.Rows.Count} " + string.Join(" / ", t.Grid.Rows.Select((row, r) =>
            t.RowWhere(r) + ": " + string.Join(" | ", row.Select(c => c is null ? "·" : $"{c.Row},{c.Column} {c.RowSpan}x{c.ColumnSpan} «{c.Text}»")))),
        _ => throw new InvalidOperationException(b.GetType().Name),
    }).ToList();

    private static void AssertSameBlocks(byte[] docx)
    {
        var expected = Described(OpenXmlDocxReader.Blocks(new MemoryStream(docx, writable: false)));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Described(DocxImporter.Blocks(new MemoryStream(docx, writable: false))));
    }

    [Theory]
    [MemberData(nameof(DocxRoundTripFixtures))]
    public void Every_fixture_as_we_render_it_reads_the_same(string fixture) =>
        AssertSameBlocks(DocxRenderer.Render(ReportImporter.ImportText(TestPaths.ReadFixture(fixture)).Report));

    public static TheoryData<string> DocxRoundTripFixtures => RoundTrip.DocxRoundTripTests.Fixtures;

    [Property(Arbitrary = [typeof(ReportArbitraries)], MaxTest = 100)]
    public void Generated_reports_read_the_same(AnnualReport report) => AssertSameBlocks(DocxRenderer.Render(report));

    [Theory]
    [InlineData("huaian_2024_word_page.docx")]
    [InlineData("hongsibu_2022_word_grid.docx")]
    public void Documents_made_by_libreoffice_read_the_same(string name) =>
        AssertSameBlocks(File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, "tests", "InfoDisclosure.Reports.Tests", "Import", "Docx", name)));

    [Fact]
    public void Markup_the_reader_must_tell_apart_reads_the_same()
    {
        var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(
                new Style(new StyleName { Val = "Normal" }) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
                new Style(new StyleParagraphProperties(new Justification { Val = JustificationValues.Right })) { Type = StyleValues.Paragraph, StyleId = "Signature" },
                new Style(new BasedOn { Val = "Signature" }) { Type = StyleValues.Paragraph, StyleId = "Date" });
            main.Document = new Document(new Body(
                Paragraph("一、总体情况"),
                new Paragraph(new Run(new W.Text("第一行"), new Break(), new W.Text("第二行"), new CarriageReturn(), new W.Text("第三行"))),
                new Paragraph(
                    new Run(new W.Text("制表符"), new TabChar(), new W.Text("之后"), new PositionalTab { Alignment = AbsolutePositionTabAlignmentValues.Center, RelativeTo = AbsolutePositionTabPositioningBaseValues.Margin, Leader = AbsolutePositionTabLeaderCharValues.None }),
                    new Run(new W.Text("不间断"), new NoBreakHyphen(), new W.Text("连字符")),
                    new Run(new W.Text("A")), new Run(new W.Text(" ")), new Run(new W.Text("B")),
                    new Run(new W.Text(" 两端空格 ") { Space = SpaceProcessingModeValues.Preserve })),
                new Paragraph(
                    new Run(new W.Text("保留")),
                    new DeletedRun(new Run(new DeletedText("删除的字"))),
                    new InsertedRun(new Run(new W.Text("插入的字"))),
                    new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }), new Run(new FieldCode(" PAGE ")), new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
                    new Run(new W.Text("7")), new Run(new FieldChar { FieldCharType = FieldCharValues.End }),
                    new Hyperlink(new Run(new W.Text("链接文字"))) { Anchor = "x" },
                    new SdtRun(new SdtContentRun(new Run(new W.Text("内容控件里的字"))))),
                new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }), new Run(new W.Text("居中"))),
                new Paragraph(new Run(new W.Text("   "))),
                new SdtBlock(new SdtContentBlock(Paragraph("块级内容控件里的段落"))),
                new CustomXmlBlock(Paragraph("自定义XML里的段落")) { Element = "x" },
                Table(
                    Row(Cell("项目", restart: true), Cell("数量", span: 2)),
                    Row(Cell("", merge: true), Cell("1"), Cell("2")),
                    Row(Cell("合计"), Cell("3", span: 2)),
                    new TableRow(new TableRowProperties(new GridBefore { Val = 1 }), Cell("4"), Cell("5"))),
                Table(Row(new TableCell(Paragraph("版式表格里的字"), Table(Row(Cell("里面的表格"), Cell("9")))), new TableCell(Paragraph("旁边的格子"))),
                    Row(new TableCell(new SdtBlock(new SdtContentBlock(Paragraph("格子里的内容控件")))))),
                new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Date" }), new Run(new W.Text("不是最后的右对齐"))),
                Paragraph("正文继续"),
                new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Right }), new Run(new W.Text("某某局"))),
                new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Date" }), new Run(new W.Text("2025年1月20日"))),
                new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.End }), new Run(new W.Text("（盖章）"))),
                new SectionProperties()));
        }
        AssertSameBlocks(stream.ToArray());
    }

    [Fact]
    public void A_document_with_only_its_default_style_right_aligned_drops_its_last_lines_the_same()
    {
        var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = new Styles(
                new Style(new StyleParagraphProperties(new Justification { Val = JustificationValues.Right })) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });
            main.Document = new Document(new Body(
                new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Left }), new Run(new W.Text("左对齐"))),
                Paragraph("默认样式右对齐")));
        }
        AssertSameBlocks(stream.ToArray());
    }

    /// <summary>
    /// The reader parses the parts itself (<see cref="OfficeXml"/>), so the XML a Word document may be written in reads
    /// as an XML parser reads it: another prefix for Word's namespace or none at all, UTF-16, CDATA, entity and
    /// character references, comments, processing instructions and CRLF line ends.
    /// </summary>
    [Theory]
    [InlineData("prefix")]
    [InlineData("default namespace")]
    [InlineData("utf-16")]
    [InlineData("cdata, references, comments, crlf")]
    public void Xml_written_another_way_reads_the_same(string variant)
    {
        var report = ReportImporter.ImportText(TestPaths.ReadFixture("2023_hongze_district_gov.txt")).Report;
        AssertSameBlocks(WithDocumentXml(DocxRenderer.Render(report), xml => variant switch
        {
            "prefix" => Reprefixed(xml, "ns0"),
            "default namespace" => Reprefixed(xml, null),
            "utf-16" => Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(
                Encoding.UTF8.GetString(xml).TrimStart('\uFEFF').Replace("encoding=\"utf-8\"", "encoding=\"utf-16\"", StringComparison.OrdinalIgnoreCase))).ToArray(),
            _ => Encoding.UTF8.GetBytes(Unusual(Encoding.UTF8.GetString(xml).TrimStart('\uFEFF'))),
        }));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("dtd")]
    [InlineData("mismatched")]
    [InlineData("undeclared prefix")]
    public void A_body_that_is_not_well_formed_xml_is_a_clear_error(string variant)
    {
        var report = ReportImporter.ImportText(TestPaths.ReadFixture("2023_hongze_district_gov.txt")).Report;
        var docx = WithDocumentXml(DocxRenderer.Render(report), xml =>
        {
            var text = Encoding.UTF8.GetString(xml).TrimStart('\uFEFF');
            var body = text.IndexOf("<w:body>", StringComparison.Ordinal);
            return Encoding.UTF8.GetBytes(variant switch
            {
                "truncated" => text[..(text.Length / 2)],
                "dtd" => text.Insert(text.IndexOf("?>", StringComparison.Ordinal) + 2, "<!DOCTYPE d [<!ENTITY e \"x\">]>"),
                "mismatched" => text.Insert(body + "<w:body>".Length, "<w:p></w:r>"),
                _ => text.Insert(body + "<w:body>".Length, "<q:p/>"),
            });
        });
        var error = Assert.Throws<InvalidDataException>(() => ReportImporter.ImportDocx(docx));
        Assert.Contains("正文无法解析", error.Message);
        Assert.Throws<InvalidDataException>(() => OpenXmlDocxReader.Blocks(new MemoryStream(docx, writable: false)));
    }

    private static byte[] WithDocumentXml(byte[] docx, Func<byte[], byte[]> change)
    {
        var stream = new MemoryStream();
        stream.Write(docx);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("word/document.xml")!;
            byte[] xml;
            using (var read = entry.Open())
            using (var copy = new MemoryStream())
            {
                read.CopyTo(copy);
                xml = copy.ToArray();
            }
            entry.Delete();
            using var write = zip.CreateEntry("word/document.xml").Open();
            write.Write(change(xml));
        }
        return stream.ToArray();
    }

    /// <summary>Word's namespace under another prefix, or as the default namespace (null).</summary>
    private static byte[] Reprefixed(byte[] xml, string? prefix)
    {
        var document = XDocument.Load(new MemoryStream(xml), LoadOptions.PreserveWhitespace);
        var root = document.Root!;
        var w = root.Name.Namespace;
        root.Attributes().Where(a => a.IsNamespaceDeclaration && a.Value == w.NamespaceName).Remove();
        root.Add(prefix is null ? new XAttribute("xmlns", w.NamespaceName) : new XAttribute(XNamespace.Xmlns + prefix, w.NamespaceName));
        var output = new MemoryStream();
        document.Save(output, SaveOptions.DisableFormatting);
        return output.ToArray();
    }

    /// <summary>The first texts as CDATA and character references, with comments, a processing instruction and CRLFs.</summary>
    private static string Unusual(string xml)
    {
        const string text = "<w:t xml:space=\"preserve\">";
        var body = xml.IndexOf("<w:body>", StringComparison.Ordinal) + "<w:body>".Length;
        xml = xml.Insert(body, "<!-- 注释 --><?mso-application progid=\"Word.Document\"?>\r\n");
        var first = xml.IndexOf(text, body, StringComparison.Ordinal) + text.Length;
        var end = xml.IndexOf("</w:t>", first, StringComparison.Ordinal);
        xml = xml[..first] + "<![CDATA[" + xml[first..end] + "&]]>" + xml[end..];
        var second = xml.IndexOf(text, end, StringComparison.Ordinal) + text.Length;
        var content = xml[second..xml.IndexOf("</w:t>", second, StringComparison.Ordinal)];
        var referenced = string.Concat(content.Select(c => $"&#x{(int)c:X};")) + "&amp;&lt;&gt;&quot;&apos;";
        return (xml[..second] + referenced + xml[(second + content.Length)..]).Replace("><w:p>", ">\r\n<w:p>", StringComparison.Ordinal);
    }

    private static Paragraph Paragraph(string text) => new(new Run(new W.Text(text)));

    private static Table Table(params OpenXmlElement[] rows) => new([new TableProperties(), .. rows]);

    private static TableRow Row(params TableCell[] cells) => new(cells);

    private static TableCell Cell(string text, int span = 1, bool restart = false, bool merge = false)
    {
        var properties = new TableCellProperties();
        if (span > 1) properties.Append(new GridSpan { Val = span });
        if (restart) properties.Append(new VerticalMerge { Val = MergedCellValues.Restart });
        if (merge) properties.Append(new VerticalMerge());
        return new TableCell(properties, Paragraph(text));
    }
}
