using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace InfoDisclosure.Workflow.Web;

/// <summary>
/// A GET that no other route answers: a Chinese page with a way back for people who followed an old or mistyped link,
/// problem details under /api for scripts. Both hosts route it last (a catch-all template loses to every other route).
/// </summary>
public static class NotFoundEndpoint
{
    public const string Template = "{*path}";

    public static Task<IResult> ShowAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route) =>
        Task.FromResult(http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No route answers this address.")
            : Pages.Message(StatusCodes.Status404NotFound, "页面不存在",
                "这个地址没有对应的页面，可能是链接已过时或输入有误。请从“我的年报”重新进入。", "地址：" + http.Request.Path.Value));
}
