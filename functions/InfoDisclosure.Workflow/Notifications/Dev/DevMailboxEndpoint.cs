using InfoDisclosure.Workflow.Review.Page;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InfoDisclosure.Workflow.Notifications.Dev;

/// <summary>
/// GET /dev/mailbox. Exists in the route list of both hosts, but answers 404 unless the host is in Development and
/// runs the embedded mail server (only the local host without Smtp__Host does): production never shows mail.
/// </summary>
public static class DevMailboxEndpoint
{
    public static Task<IResult> ShowAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var services = http.RequestServices;
        var mailbox = services.GetService<DevMailbox>();
        var development = services.GetService<IHostEnvironment>()?.IsDevelopment() == true;
        if (mailbox is null || !development)
        {
            return Task.FromResult(Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                detail: "The dev mailbox exists only on the local host in Development without Smtp__Host."));
        }
        return Task.FromResult<IResult>(new HtmlPageResult(StatusCodes.Status200OK, DevMailboxPage.Render(mailbox.Messages), DevMailboxPage.ContentSecurityPolicy));
    }
}
