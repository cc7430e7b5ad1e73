using System.Globalization;
using System.Text.RegularExpressions;
using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Import;

/// <summary>
/// Figures and details a report states in its prose: the contact details of the opening paragraph and the
/// 信息处理费 of section 六. The prose is kept verbatim; these are read from it, never written into it.
/// </summary>
public static partial class TextFacts
{
    /// <summary>The contact details found in the paragraphs; the first mention of each wins.</summary>
    public static Contact ExtractContact(IEnumerable<string> paragraphs)
    {
        var contact = new Contact();
        // Each pattern needs a word of its own ("地址", "邮编" …): a paragraph without it is not searched.
        foreach (var p in paragraphs)
        {
            if (p.Contains("地址", StringComparison.Ordinal)) contact.Address ??= First(Address(), p);
            if (p.Contains("邮编", StringComparison.Ordinal) || p.Contains("邮政编码", StringComparison.Ordinal)) contact.Postcode ??= First(Postcode(), p);
            if (p.Contains("电话", StringComparison.Ordinal)) contact.Phone ??= First(Phone(), p);
            if (p.Contains("传真", StringComparison.Ordinal)) contact.Fax ??= First(Fax(), p);
            if (p.Contains('@')) contact.Email ??= First(Email(), p);
            if (p.Contains("http", StringComparison.Ordinal) || p.Contains("www.", StringComparison.Ordinal)) contact.PortalUrl ??= First(Url(), p);
        }
        return contact;
    }

    /// <summary>
    /// The 信息处理费 in 元 the text states: "未收取信息处理费" → 0, "收取…信息处理费3940元" → 3940,
    /// "信息处理费0.3万元" → 3000; null when the text does not state it.
    /// </summary>
    public static decimal? ExtractProcessingFee(IEnumerable<string> texts)
    {
        foreach (var text in texts)
        {
            // Both patterns name the fee.
            if (!text.Contains("信息处理费", StringComparison.Ordinal)) continue;
            var none = NoFee().Match(text);
            var amount = FeeAmount().Match(text);
            if (none.Success && (!amount.Success || none.Index < amount.Index)) return 0m;
            if (amount.Success
                && decimal.TryParse(Cell.NormalizeDigits(amount.Groups[1].Value).Replace(",", ""), NumberStyles.AllowDecimalPoint,
                    CultureInfo.InvariantCulture, out var value))
            {
                return amount.Groups[2].Value == "万元" ? value * 10000m : value;
            }
        }
        return null;
    }

    private static string? First(Regex regex, string text)
    {
        var m = regex.Match(text);
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex(@"(?:通讯地址|联系地址|地址)\s*[：:]\s*([^，,；;。）)\s]+)")]
    private static partial Regex Address();

    [GeneratedRegex(@"(?:邮编|邮政编码)\s*[：:]\s*([0-9０-９]{6})")]
    private static partial Regex Postcode();

    [GeneratedRegex(@"(?:联系电话|咨询电话|电话)\s*[：:]\s*([0-9０-９][0-9０-９\-－—]*[0-9０-９])")]
    private static partial Regex Phone();

    [GeneratedRegex(@"传真\s*[：:]\s*([0-9０-９][0-9０-９\-－—]*[0-9０-９])")]
    private static partial Regex Fax();

    [GeneratedRegex(@"([A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})")]
    private static partial Regex Email();

    [GeneratedRegex(@"(https?://[A-Za-z0-9./_\-?=&%#:~]*[A-Za-z0-9/]|(?<![@A-Za-z0-9.])www\.[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+(?:/[A-Za-z0-9./_\-?=&%#~]*[A-Za-z0-9/])?)")]
    private static partial Regex Url();

    [GeneratedRegex(@"(?:未|没有|无|不)(?:收取|收)[^。；;\n]{0,20}?信息处理费")]
    private static partial Regex NoFee();

    [GeneratedRegex(@"信息处理费[^。；;\n0-9０-９]{0,12}?([0-9０-９][0-9０-９,]*(?:[.．][0-9０-９]+)?)\s*(万元|元)")]
    private static partial Regex FeeAmount();
}
