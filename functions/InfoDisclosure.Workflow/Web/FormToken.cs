using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Web;

/// <summary>
/// The anti-forgery field every form of ours carries (IAntiforgery: a cookie plus this hidden field, both made from
/// the Data Protection keys). <see cref="For"/> issues it for the page being rendered; the access gate validates it on
/// every state-changing form route before the handler runs. Render it with <c>&lt;FormTokenField Token="…" /&gt;</c>.
/// </summary>
public sealed record FormToken(string FieldName, string Value)
{
    public static FormToken For(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return new FormToken(tokens.FormFieldName, tokens.RequestToken ?? "");
    }
}
