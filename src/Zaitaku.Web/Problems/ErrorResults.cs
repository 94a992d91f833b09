using Microsoft.AspNetCore.Mvc;

namespace Zaitaku.Web.Problems;

/// <summary>The one place where a use case's typed <see cref="Error"/> becomes an HTTP answer (RFC 9457 problem details).</summary>
public static class ErrorResults
{
    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status400BadRequest,
    };

    public static IResult Problem(Error error, IDictionary<string, object?>? extensions = null)
    {
        var details = new ProblemDetails
        {
            Status = StatusOf(error.Kind),
            Title = error.Message.Current,
            Type = $"https://zaitaku.invalid/problems/{error.Code}",
        };
        details.Extensions["code"] = error.Code;
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions) details.Extensions[key] = value;
        }
        return Results.Problem(details);
    }
}

/// <summary>A record that does not exist for this caller (also another tenant's record).</summary>
public sealed record NotFoundError(LocalizedText What) : Error("not_found",
    new($"{What.Ja}が見つかりません。", $"{What.En} was not found."))
{
    public override ErrorKind Kind => ErrorKind.NotFound;
}

/// <summary>A field with a bad value: names the field and what is wrong.</summary>
public sealed record FieldError(string Field, LocalizedText Problem) : Error("invalid_field",
    new($"{Field}: {Problem.Ja}", $"{Field}: {Problem.En}"));
