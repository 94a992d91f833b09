namespace Zaitaku;

/// <summary>What kind of failure an <see cref="Error"/> is; the web layer maps each kind to one HTTP status.</summary>
public enum ErrorKind
{
    /// <summary>The input breaks a rule (400).</summary>
    Invalid,

    /// <summary>The thing does not exist for this caller (404); also used for another tenant's data.</summary>
    NotFound,

    /// <summary>The thing exists but is in a state that does not allow the change (409).</summary>
    Conflict,

    /// <summary>The caller may not do this (403).</summary>
    Forbidden,
}

/// <summary>
/// A typed failure of a use case: a stable code (part of the public contract), a message in
/// Japanese and English naming what is wrong, and its kind. Use cases return errors instead of
/// throwing.
/// </summary>
public abstract record Error(string Code, LocalizedText Message)
{
    /// <summary>How the failure maps to HTTP.</summary>
    public virtual ErrorKind Kind => ErrorKind.Invalid;
}

/// <summary>A value or an error.</summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, Error? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>The error, or null on success.</summary>
    public Error? Error { get; }

    /// <summary>True when there is a value.</summary>
    public bool IsOk => Error is null;

    /// <summary>The value; throws when the result is an error.</summary>
    public T Value => IsOk ? _value! : throw new InvalidOperationException($"Result is an error: {Error!.Code}");

    public static Result<T> Ok(T value) => new(value, null);

    public static Result<T> Fail(Error error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));

    public static implicit operator Result<T>(T value) => Ok(value);

    public static implicit operator Result<T>(Error error) => Fail(error);
}
