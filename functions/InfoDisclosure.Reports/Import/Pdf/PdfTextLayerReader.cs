namespace InfoDisclosure.Reports.Import.Pdf;

/// <summary>
/// Our own reader of a PDF's text layer, for the PDFs reports are published as (Chromium's Skia, LibreOffice): the
/// pages in order, each page's content run for its letters and drawn paths, with no font program parsed. PdfPig's
/// page model reads the same from the fonts' programs and outlines, at several times the cost. Throws
/// <see cref="PdfNotSupportedException"/> for what it does not read (encryption, filters other than Flate, fonts whose
/// text only their program gives, rotated or offset pages, damaged files...), for PdfPig to read instead.
/// </summary>
internal static class PdfTextLayerReader
{
    private const int MaxTreeDepth = 64;

    public static PdfTextLayer Read(byte[] pdf)
    {
        try
        {
            return ReadFile(pdf);
        }
        catch (Exception ex) when (ex is IndexOutOfRangeException or ArgumentException or InvalidCastException or KeyNotFoundException or FormatException or OverflowException)
        {
            // A structure this reader did not expect (a truncated or damaged file): PdfPig repairs what it can.
            throw new PdfNotSupportedException($"PDF not understood: {ex.Message}");
        }
    }

    private static PdfTextLayer ReadFile(byte[] pdf)
    {
        var file = new PdfFile(pdf);
        var root = file.Dictionary(file.Trailer.GetValueOrDefault("Root")) ?? throw PdfLexer.Malformed("no /Root");
        var fonts = new Dictionary<Dictionary<string, object?>, PdfFont>(ReferenceEqualityComparer.Instance);
        var pages = new List<PdfTextPage>();
        AddPages(file, file.Dictionary(root.GetValueOrDefault("Pages")) ?? throw PdfLexer.Malformed("no /Pages"), null, pages, fonts, 0);
        var producer = file.Dictionary(file.Trailer.GetValueOrDefault("Info"))?.GetValueOrDefault("Producer") is var value && file.Resolve(value) is byte[] bytes
            ? PdfLexer.TextString(bytes)
            : null;
        return new PdfTextLayer(producer, pages);
    }

    /// <summary>The pages of a page tree node, in order, with the resources and page attributes they inherit.</summary>
    private static void AddPages(PdfFile file, Dictionary<string, object?> node, Dictionary<string, object?>? inherited, List<PdfTextPage> pages,
        Dictionary<Dictionary<string, object?>, PdfFont> fonts, int depth)
    {
        if (depth > MaxTreeDepth) throw PdfLexer.Malformed("page tree too deep");
        var attributes = inherited is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(inherited);
        foreach (var key in (string[])["Resources", "MediaBox", "CropBox", "Rotate"])
        {
            if (node.TryGetValue(key, out var value)) attributes[key] = value;
        }
        if (file.Resolve(node.GetValueOrDefault("Kids")) is List<object?> kids && file.Resolve(node.GetValueOrDefault("Type")) is not PdfName { Value: "Page" })
        {
            foreach (var kid in kids)
            {
                if (file.Dictionary(kid) is { } child) AddPages(file, child, attributes, pages, fonts, depth + 1);
            }
            return;
        }
        CheckPlacement(file, attributes, node);
        var content = new MemoryStream();
        var contents = file.Resolve(node.GetValueOrDefault("Contents"));
        foreach (var part in contents is List<object?> list ? list : [contents])
        {
            if (file.Resolve(part) is not PdfStream stream) continue;
            content.Write(file.Decode(stream));
            content.WriteByte((byte)'\n');
        }
        pages.Add(PdfContentReader.Read(file, content.ToArray(), file.Dictionary(attributes.GetValueOrDefault("Resources")), fonts, CropBox(file, attributes)));
    }

    /// <summary>The crop box, which defaults to the media box (both at the origin, <see cref="CheckPlacement"/>).</summary>
    private static PdfBox CropBox(PdfFile file, Dictionary<string, object?> attributes)
    {
        foreach (var key in (string[])["CropBox", "MediaBox"])
        {
            if (file.Resolve(attributes.GetValueOrDefault(key)) is List<object?> { Count: 4 } box && box.Select(file.Resolve).All(v => v is double))
            {
                var (x1, y1, x2, y2) = ((double)file.Resolve(box[0])!, (double)file.Resolve(box[1])!, (double)file.Resolve(box[2])!, (double)file.Resolve(box[3])!);
                return new PdfBox(Math.Min(x1, x2), Math.Min(y1, y2), Math.Max(x1, x2), Math.Max(y1, y2));
            }
        }
        throw new PdfNotSupportedException("PDF page without a media box");
    }

    /// <summary>
    /// PdfPig places a page's letters in its user space as it is, when the page is not rotated and its boxes start at
    /// the origin: only such pages are read here.
    /// </summary>
    private static void CheckPlacement(PdfFile file, Dictionary<string, object?> attributes, Dictionary<string, object?> page)
    {
        if (file.Resolve(attributes.GetValueOrDefault("Rotate")) is double rotate && rotate % 360 != 0) throw new PdfNotSupportedException("PDF page rotated");
        if (file.Resolve(page.GetValueOrDefault("UserUnit")) is double unit && unit != 1) throw new PdfNotSupportedException("PDF page with a user unit");
        foreach (var key in (string[])["MediaBox", "CropBox"])
        {
            if (file.Resolve(attributes.GetValueOrDefault(key)) is List<object?> { Count: 4 } box
                && (Math.Min(file.Resolve(box[0]) as double? ?? 0, file.Resolve(box[2]) as double? ?? 0) != 0
                    || Math.Min(file.Resolve(box[1]) as double? ?? 0, file.Resolve(box[3]) as double? ?? 0) != 0))
            {
                throw new PdfNotSupportedException($"PDF page {key} not at the origin");
            }
        }
    }
}
