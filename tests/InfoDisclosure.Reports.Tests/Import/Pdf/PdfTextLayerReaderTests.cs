using System.Text;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Import.Pdf;

namespace InfoDisclosure.Reports.Tests.Import.Pdf;

/// <summary>
/// Our PDF reader on PDFs written by hand: every text state and positioning operator, a Type 0 and a simple font, a
/// Form XObject, and every path construction and painting operator read as PdfPig reads them, from a file with a
/// classic cross-reference table or with a cross-reference stream and an object stream. What it does not read falls
/// back to PdfPig.
/// </summary>
public class PdfTextLayerReaderTests
{
    private const string TextPage = """
        q 1 0 0 1 10 20 cm
        BT /F1 12 Tf 72 700 Td (Hello World) Tj
        2 Tc (spaced out) Tj 0 Tc
        3 Tw (word spacing here) Tj 0 Tw
        150 Tz (wide) Tj 100 Tz
        5 Ts (up) Tj 0 Ts
        14 TL T* (next line) Tj
        (quote) '
        4 1 (double quote) " 0 Tw 0 Tc
        10 -20 TD (TD moved) Tj T* (after TD leading) Tj
        [(Kern) -500 (ed) 250 (TJ)] TJ
        1 0 0 1 300 400 Tm (matrix) Tj
        2 0 0 2 100 100 Tm /F2 9 Tf <000100020003> Tj [<0004> -1000 <0005>] TJ
        ET Q
        q .75 0 0 -.75 0 842 cm BT /F1 16 Tf 1 0 0 -1 48 33 Tm (flipped as Chromium prints) Tj ET Q
        q 1 0 0 1 5 5 cm /X1 Do Q
        BT /F1 8 Tf 400 50 Td (after the form) Tj ET
        BT /F3 11 Tf 50 600 Td (ABCabc) Tj /F4 11 Tf ( \200 caf\351) Tj ET
        """;

    private const string PathPage = """
        0 0 m 100 0 l S
        10 10 m 200 10 l 200 11 l 10 11 l h f
        20 20 100 1 re f
        30 30 1 100 re 40 30 1 100 re f*
        50 50 m 60 60 70 40 80 50 c S
        q 2 0 0 2 0 0 cm 5 5 10 10 re S Q
        100 100 m 110 120 120 100 v 130 130 140 100 y h b
        0 0 m 10 0 l 10 10 l 0 10 l s
        5 5 20 20 re W n
        60 60 m 70 60 l 70 61 l B*
        1 1 l S
        300 300 m 400 300 l 400 400 l 300 400 l h 310 310 m 390 310 l 390 390 l 310 390 l h B
        """;

    private const string FormContent = "BT /F1 10 Tf 20 30 Td (in a form) Tj ET 0 0 100 .5 re f";

    private static byte[] HandWritten(bool xrefStream)
    {
        var pdf = new PdfWriter();
        pdf.Add(1, "<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add(2, "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [0 0 595 842] /Resources << /Font << /F1 7 0 R /F2 10 0 R /F3 16 0 R /F4 17 0 R >> /XObject << /X1 14 0 R >> >> >>");
        pdf.Add(3, "<< /Type /Page /Parent 2 0 R /Contents 5 0 R >>");
        pdf.Add(4, "<< /Type /Page /Parent 2 0 R /Contents [6 0 R] /Resources << >> >>");
        pdf.AddStream(5, "", TextPage, compress: true);
        pdf.AddStream(6, "", PathPage);
        var widths = string.Join(" ", Enumerable.Range(32, 95).Select(c => c == 32 ? 250 : 400 + c % 7 * 30));
        pdf.Add(7, $"<< /Type /Font /Subtype /TrueType /BaseFont /HandWrittenSans /FirstChar 32 /LastChar 126 /Widths [{widths}] /FontDescriptor 8 0 R /ToUnicode 9 0 R >>");
        pdf.Add(8, "<< /Type /FontDescriptor /FontName /HandWrittenSans /Flags 32 /FontBBox [-100 -200 1000 900] /Ascent 900 /Descent -200 /ItalicAngle 0 /StemV 80 /CapHeight 700 >>");
        pdf.AddStream(9, "", ToUnicode("<00> <FF>", "1 beginbfrange\n<20> <7E> <0020>\nendbfrange"), compress: true);
        pdf.Add(10, "<< /Type /Font /Subtype /Type0 /BaseFont /HandWrittenSong /Encoding /Identity-H /DescendantFonts [11 0 R] /ToUnicode 13 0 R >>");
        pdf.Add(11, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /HandWrittenSong /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 12 0 R /W [1 [600 700] 3 5 800] /DW 1000 /CIDToGIDMap /Identity >>");
        pdf.Add(12, "<< /Type /FontDescriptor /FontName /HandWrittenSong /Flags 4 /FontBBox [0 -150 1000 880] /Ascent 880 /Descent -150 /ItalicAngle 0 /StemV 80 /CapHeight 700 >>");
        pdf.AddStream(13, "", ToUnicode("<0000> <FFFF>", "2 beginbfchar\n<0001> <4E00>\n<0002> <4E8C>\nendbfchar\n1 beginbfrange\n<0003> <0005> <4E09>\nendbfrange"));
        pdf.AddStream(14, "/Type /XObject /Subtype /Form /BBox [0 0 500 500] /Matrix [1 0 0 1 50 50] /Resources << /Font << /F1 7 0 R >> >>", FormContent, compress: true);
        pdf.Add(15, "<< /Producer (Hand \\(written\\)) >>");
        // Fonts without ToUnicode: text by glyph names, from differences on a base encoding and from WinAnsi itself.
        var latin = string.Join(" ", Enumerable.Range(32, 224).Select(c => 300 + c % 11 * 40));
        pdf.Add(16, $"<< /Type /Font /Subtype /TrueType /BaseFont /HandWrittenSerif /FirstChar 32 /LastChar 255 /Widths [{latin}] /FontDescriptor 8 0 R /Encoding << /BaseEncoding /WinAnsiEncoding /Differences [65 /Adieresis /uni4E2D 97 /a.sc /f_i] >> >>");
        pdf.Add(17, $"<< /Type /Font /Subtype /TrueType /BaseFont /HandWrittenSerif /FirstChar 32 /LastChar 255 /Widths [{latin}] /FontDescriptor 8 0 R /Encoding /WinAnsiEncoding >>");
        return pdf.Write("/Root 1 0 R /Info 15 0 R", xrefStream);
    }

    private static string ToUnicode(string codeSpace, string mappings) => $"""
        /CIDInit /ProcSet findresource begin 12 dict begin begincmap
        /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
        /CMapName /Adobe-Identity-UCS def /CMapType 2 def
        1 begincodespacerange {codeSpace} endcodespacerange
        {mappings}
        endcmap CMapName currentdict /CMap defineresource pop end end
        """;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Text_state_positioning_forms_and_paths_read_as_pdfpig_reads_them(bool xrefStream)
    {
        var pdf = HandWritten(xrefStream);

        var ours = PdfTextLayerReader.Read(pdf);

        var text = string.Concat(ours.Pages[0].Letters.Select(l => l.Value));
        Assert.Contains("Hello World", text);
        Assert.Contains("一二三上下", text);
        Assert.Contains("in a form", text);
        Assert.Contains("Ä中Cafic € café", text);
        Assert.Equal("Hand (written)", ours.Producer);
        PdfTextLayerComparison.AssertSameLettersAndPaths(PdfPigTextLayer.Read(pdf), ours);
    }

    [Fact]
    public void A_font_without_a_text_map_is_left_to_pdfpig()
    {
        var pdf = new PdfWriter();
        pdf.Add(1, "<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Add(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>");
        pdf.AddStream(4, "", "BT /F1 12 Tf 72 700 Td (Standard 14) Tj ET");
        pdf.Add(5, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        var bytes = pdf.Write("/Root 1 0 R");

        Assert.Throws<PdfNotSupportedException>(() => PdfTextLayerReader.Read(bytes));
        Assert.Equal("Standard 14", string.Concat(PdfTextLayer.Read(bytes).Pages[0].Letters.Select(l => l.Value)));
    }

    /// <summary>Damaged files (cut short, offsets off) are PdfPig's to repair, or to refuse with the import's clear error.</summary>
    [Theory]
    [InlineData(2, 3)]
    [InlineData(1, 2)]
    [InlineData(1, 4)]
    public void A_damaged_pdf_is_left_to_pdfpig(int numerator, int denominator)
    {
        var pdf = HandWritten(xrefStream: false);
        var cut = pdf[..(pdf.Length * numerator / denominator)];
        var shifted = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(pdf).Replace("0000000", "0000001", StringComparison.Ordinal));

        foreach (var damaged in new[] { cut, shifted })
        {
            Assert.Throws<PdfNotSupportedException>(() => PdfTextLayerReader.Read(damaged));
            var refused = Record.Exception(() => PdfTextLayer.Read(damaged));
            Assert.True(refused is null or InvalidDataException, $"{refused}");
        }
    }

    [Fact]
    public void Bytes_that_are_no_pdf_are_left_to_pdfpig_which_refuses_them()
    {
        Assert.Throws<PdfNotSupportedException>(() => PdfTextLayerReader.Read("不是PDF"u8.ToArray()));
        Assert.Throws<InvalidDataException>(() => PdfTextLayer.Read(Encoding.UTF8.GetBytes("%PDF-1.4\n不是PDF")));
    }

    /// <summary>A few kilobytes that inflate to more than 64 MB are refused with the import's clear error, not read into memory.</summary>
    [Fact]
    public void A_stream_that_inflates_past_the_limit_is_a_clear_error()
    {
        var pdf = new PdfWriter();
        pdf.Add(1, "<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Add(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>");
        pdf.AddStream(4, "", new byte[PdfFile.MaxInflatedBytes + 1], compress: true);
        var bytes = pdf.Write("/Root 1 0 R");
        Assert.True(bytes.Length < 1024 * 1024, $"{bytes.Length} bytes");

        var error = Assert.Throws<InvalidDataException>(() => ReportImporter.ImportPdf(bytes));
        Assert.Contains("解压后超过 64 MB", error.Message);
    }
}
