using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace InfoDisclosure.Reports.Import;

/// <summary>
/// PdfPig's stream filters, except that a decoded Type 3 glyph description ends after its d1 operator. PdfPig reads a
/// Type 3 letter's box from the first d1 of its glyph description and parses the whole description to find it, the
/// glyph's outline included: Chromium prints CJK text in Type 3 fonts, so that parsing was a quarter of a printed
/// page's reading. A glyph description must start with d0 or d1 (PDF 32000-1, 9.6.5); no other stream can, so a
/// stream that starts with numbers and d1 is one, and what PdfPig finds in it is the same.
/// </summary>
internal sealed class Type3GlyphFilters : IFilterProvider
{
    public static readonly Type3GlyphFilters Instance = new();

    private readonly IFilterProvider _filters = DefaultFilterProvider.Instance;

    public IReadOnlyList<IFilter> GetFilters(DictionaryToken dictionary) => LastCut(_filters.GetFilters(dictionary));

    public IReadOnlyList<IFilter> GetNamedFilters(IReadOnlyList<NameToken> names) => LastCut(_filters.GetNamedFilters(names));

    public IReadOnlyList<IFilter> GetAllFilters() => _filters.GetAllFilters();

    private static IReadOnlyList<IFilter> LastCut(IReadOnlyList<IFilter> filters)
    {
        if (filters.Count == 0) return filters;
        var cut = new IFilter[filters.Count];
        for (var i = 0; i < cut.Length - 1; i++) cut[i] = filters[i];
        cut[^1] = new CutAfterD1(filters[^1]);
        return cut;
    }

    private sealed class CutAfterD1(IFilter filter) : IFilter
    {
        public bool IsSupported => filter.IsSupported;

        public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
        {
            var decoded = filter.Decode(input, streamDictionary, filterProvider, filterIndex);
            return GlyphDescriptionStart(decoded.Span) is var end and > 0 ? decoded[..end] : decoded;
        }
    }

    /// <summary>
    /// The length of "wx wy llx lly urx ury d1" when the content starts with it (white space before and between, a
    /// delimiter or white space after), else 0.
    /// </summary>
    internal static int GlyphDescriptionStart(ReadOnlySpan<byte> content)
    {
        var i = 0;
        for (var operand = 0; operand < 6; operand++)
        {
            while (i < content.Length && IsWhiteSpace(content[i])) i++;
            var start = i;
            while (i < content.Length && content[i] is (>= (byte)'0' and <= (byte)'9') or (byte)'.' or (byte)'-' or (byte)'+') i++;
            if (i == start || i == content.Length || !IsWhiteSpace(content[i])) return 0;
        }
        while (i < content.Length && IsWhiteSpace(content[i])) i++;
        if (i + 2 > content.Length || content[i] != (byte)'d' || content[i + 1] != (byte)'1') return 0;
        i += 2;
        return i == content.Length || IsWhiteSpace(content[i]) ? i : 0;
    }

    private static bool IsWhiteSpace(byte b) => b is 0 or 9 or 10 or 12 or 13 or 32;
}
