using System.Net;
using System.Text.RegularExpressions;

namespace InfoDisclosure.Tests.Shared;

/// <summary>What a browser reads from the sign-in pages and mail: the sign-in link, and a form with its anti-forgery token.</summary>
public static partial class SignInForms
{
    /// <summary>The sign-in link in an e-mail's text, or null.</summary>
    public static string? Link(string? body) => SignInLink().Match(body ?? "") is { Success: true } m ? m.Value : null;

    /// <summary>The form fields of the page's anti-forgery token, plus <paramref name="fields"/>.</summary>
    public static FormUrlEncodedContent Form(string html, params (string Name, string Value)[] fields)
    {
        var token = FormToken().Match(html);
        var all = new List<KeyValuePair<string, string>>();
        if (token.Success) all.Add(new(token.Groups[1].Value, WebUtility.HtmlDecode(token.Groups[2].Value)));
        all.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return new FormUrlEncodedContent(all);
    }

    [GeneratedRegex("https?://[^\\s\"<>]+/sign-in/[A-Za-z0-9_-]{43}")]
    private static partial Regex SignInLink();

    [GeneratedRegex("<input type=\"hidden\" name=\"(__RequestVerificationToken)\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
