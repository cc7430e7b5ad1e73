using System.Reflection;
using System.Runtime.Loader;

namespace InfoDisclosure.Workflow.Tests.Hosting;

/// <summary>
/// Each HTTP trigger of the Functions app serves the production route of its name: its [Function] name, HttpTrigger
/// method and route equal that <see cref="ApiRoutes.All"/> entry. SharedHandler runs the route named by the invoked
/// function (FunctionContext.FunctionDefinition.Name), so the name is typed once and a trigger cannot reach another
/// route's handler; the trigger therefore takes nothing but the request, the durable client and that context.
/// </summary>
public sealed class FunctionTriggerTests
{
    private const string FunctionAttribute = "Microsoft.Azure.Functions.Worker.FunctionAttribute";
    private const string HttpTriggerAttribute = "Microsoft.Azure.Functions.Worker.HttpTriggerAttribute";
    private const string DurableClientAttribute = "Microsoft.Azure.Functions.Worker.DurableClientAttribute";

    private static readonly string[] TriggerParameters =
    [
        $"[{HttpTriggerAttribute}] Microsoft.AspNetCore.Http.HttpRequest",
        $"[{DurableClientAttribute}] Microsoft.DurableTask.Client.DurableTaskClient",
        "Microsoft.Azure.Functions.Worker.FunctionContext",
    ];

    private sealed record Trigger(string Method, string Function, IReadOnlyList<string> Verbs, string? Route, IReadOnlyList<string> Parameters);

    [Fact]
    public void Every_ApiFunctions_trigger_is_the_shared_route_of_its_name()
    {
        var triggers = ApiFunctionsTriggers();
        var routes = ApiRoutes.All.ToDictionary(route => route.Name);
        var problems = new List<string>();
        foreach (var trigger in triggers)
        {
            if (!routes.TryGetValue(trigger.Function, out var route))
            {
                problems.Add($"{trigger.Method}: [Function(\"{trigger.Function}\")] is not a route of ApiRoutes.All");
                continue;
            }
            if (!trigger.Verbs.SequenceEqual([route.Method.ToLowerInvariant()]))
                problems.Add($"{trigger.Method} ({trigger.Function}): HttpTrigger methods [{string.Join(", ", trigger.Verbs)}], the route says {route.Method}");
            if (trigger.Route != route.Template)
                problems.Add($"{trigger.Method} ({trigger.Function}): HttpTrigger route '{trigger.Route}', the route says '{route.Template}'");
            if (!trigger.Parameters.SequenceEqual(TriggerParameters))
                problems.Add($"{trigger.Method} ({trigger.Function}): parameters ({string.Join(", ", trigger.Parameters)}), expected ({string.Join(", ", TriggerParameters)})");
        }
        problems.AddRange(triggers.GroupBy(t => t.Function).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key} is the name of {g.Count()} triggers: {string.Join(", ", g.Select(t => t.Method))}"));
        problems.AddRange(routes.Keys.Except(triggers.Select(t => t.Function)).Select(name => $"{name} has no trigger"));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>The public methods of ApiFunctions, read from the built Functions app in a load context of its own.</summary>
    private static IReadOnlyList<Trigger> ApiFunctionsTriggers()
    {
        var context = new FunctionsAppLoadContext(HostPaths.FunctionsDll);
        try
        {
            var type = context.LoadFromAssemblyPath(HostPaths.FunctionsDll).GetType("InfoDisclosure.Functions.ApiFunctions", throwOnError: true)!;
            var triggers = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(method =>
            {
                var function = Attribute(method.GetCustomAttributesData(), FunctionAttribute);
                var http = method.GetParameters().SelectMany(p => p.GetCustomAttributesData())
                    .FirstOrDefault(a => a.AttributeType.FullName == HttpTriggerAttribute);
                var verbs = http?.ConstructorArguments.Select(a => a.Value)
                    .OfType<IReadOnlyCollection<CustomAttributeTypedArgument>>().SelectMany(list => list.Select(v => (string)v.Value!)).ToList() ?? [];
                var route = http?.NamedArguments.FirstOrDefault(a => a.MemberName == "Route").TypedValue.Value as string;
                var parameters = method.GetParameters().Select(p =>
                {
                    var binding = p.GetCustomAttributesData().Select(a => a.AttributeType.FullName).FirstOrDefault();
                    return binding is null ? p.ParameterType.FullName! : $"[{binding}] {p.ParameterType.FullName}";
                }).ToList();
                return new Trigger(method.Name, (string?)function?.ConstructorArguments[0].Value ?? "(no [Function])", verbs, route, parameters);
            }).ToList();
            Assert.NotEmpty(triggers);
            return triggers;
        }
        finally
        {
            context.Unload();
        }
    }

    private static CustomAttributeData? Attribute(IEnumerable<CustomAttributeData> attributes, string fullName) =>
        attributes.FirstOrDefault(a => a.AttributeType.FullName == fullName);

    /// <summary>Resolves the app's dependencies from its own output (its deps.json), the shared framework from the default context.</summary>
    private sealed class FunctionsAppLoadContext(string mainAssembly) : AssemblyLoadContext(isCollectible: true)
    {
        private readonly AssemblyDependencyResolver _resolver = new(mainAssembly);

        protected override Assembly? Load(AssemblyName assemblyName) =>
            _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
    }
}
