using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace InfoDisclosure.Functions;

/// <summary>
/// The Functions app's counterpart of the local host's UseExceptionHandler: an HTTP trigger that throws answers 500 with
/// the same problem details (a title and the trace id, never the exception or the request), and the exception is logged.
/// </summary>
internal sealed class HttpExceptionHandler(IProblemDetailsService problemDetails, ILogger<HttpExceptionHandler> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (context.GetHttpContext() is { Response.HasStarted: false } http)
        {
            logger.LogError(e, "An unhandled exception has occurred in {Function}.", context.FunctionDefinition.Name);
            http.Response.Clear();
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await problemDetails.WriteAsync(new ProblemDetailsContext { HttpContext = http });
        }
    }
}
