using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Zaitaku.Identity;

namespace Zaitaku.Testing;

/// <summary>A page as a user sees it: status, final address and the parsed document.</summary>
public sealed record Page(HttpStatusCode Status, Uri Address, IHtmlDocument Document, string Html)
{
    public string Text => Document.Body?.TextContent ?? "";

    public string? Heading => Document.QuerySelector("h1")?.TextContent.Trim();
}

/// <summary>
/// A client that behaves like a browser with forms: keeps cookies, follows redirects itself (so tests
/// can see them), and posts forms with their antiforgery token and Blazor handler name.
/// </summary>
public sealed class ConsoleClient : IDisposable
{
    private static readonly HtmlParser Parser = new();
    private readonly HttpClient _http;

    public ConsoleClient(Uri address)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = address };
    }

    public CookieContainer Cookies { get; }

    public HttpClient Http => _http;

    /// <summary>GETs a page, following redirects.</summary>
    public async Task<Page> GetAsync(string path)
    {
        var response = await _http.GetAsync(path);
        return await FollowAsync(response);
    }

    /// <summary>GETs without following redirects.</summary>
    public Task<HttpResponseMessage> GetRawAsync(string path) => _http.GetAsync(path);

    /// <summary>
    /// Opens the page at <paramref name="path"/>, finds the form named <paramref name="handler"/> (or the
    /// only form), fills in the fields and submits it, following redirects.
    /// </summary>
    public async Task<Page> SubmitAsync(string path, string? handler, IDictionary<string, string> fields, string? postTo = null)
    {
        var page = await GetAsync(path);
        return await SubmitAsync(page, handler, fields, postTo);
    }

    /// <summary>Opens the page and submits a form whose fields may repeat a name (checkbox groups).</summary>
    public async Task<Page> SubmitAsync(string path, string? handler, IEnumerable<KeyValuePair<string, string>> fields, string? postTo = null) =>
        await SubmitAsync(await GetAsync(path), handler, fields, postTo);

    public Task<Page> SubmitAsync(Page page, string? handler, IDictionary<string, string> fields, string? postTo = null) =>
        SubmitAsync(page, handler, (IEnumerable<KeyValuePair<string, string>>)fields, postTo);

    /// <summary>Submits a form whose fields may repeat a name, as checked checkboxes of one group do.</summary>
    public async Task<Page> SubmitAsync(Page page, string? handler, IEnumerable<KeyValuePair<string, string>> fields, string? postTo = null)
    {
        var form = FindForm(page, handler);
        var given = fields.ToList();
        var names = given.Select(f => f.Key).ToHashSet();
        var values = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>())
        {
            if (!names.Contains(input.Name ?? "")) values.Add(new(input.Name!, input.Value));
        }
        values.AddRange(given);
        var action = postTo ?? form.GetAttribute("action") ?? page.Address.PathAndQuery;
        var response = await _http.PostAsync(action, new FormUrlEncodedContent(values));
        return await FollowAsync(response);
    }

    /// <summary>Posts a form with a file (multipart), as a file input would.</summary>
    public async Task<Page> SubmitFileAsync(string path, string? handler, string fileField, string fileName, byte[] content, IDictionary<string, string>? fields = null)
    {
        var page = await GetAsync(path);
        var form = FindForm(page, handler);
        using var body = new MultipartFormDataContent();
        foreach (var input in form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>()) body.Add(new StringContent(input.Value), input.Name!);
        foreach (var (key, value) in fields ?? new Dictionary<string, string>()) body.Add(new StringContent(value), key);
        body.Add(new ByteArrayContent(content), fileField, fileName);
        var response = await _http.PostAsync(form.GetAttribute("action") ?? path, body);
        return await FollowAsync(response);
    }

    /// <summary>Signs in through the pages; with a TOTP secret, passes the second step too.</summary>
    public async Task<Page> SignInAsync(string? tenantCode, string loginId, string password, byte[]? totpSecret = null, DateTimeOffset? now = null)
    {
        var page = await SubmitAsync("/login", "signin", new Dictionary<string, string>
        {
            ["Input.TenantCode"] = tenantCode ?? "",
            ["Input.LoginId"] = loginId,
            ["Input.Password"] = password,
        });
        if (totpSecret is not null && page.Address.AbsolutePath == "/login/otp")
        {
            var code = Totp.Code(totpSecret, now ?? DateTimeOffset.UtcNow);
            page = await SubmitAsync(page, "otp", new Dictionary<string, string> { ["Code"] = code });
        }
        return page;
    }

    /// <summary>Signs out with the layout's sign-out button (its form carries the antiforgery token).</summary>
    public async Task<Page> SignOutAsync(string from = "/")
    {
        var page = await GetAsync(from);
        var form = page.Document.Forms.FirstOrDefault(f => f.GetAttribute("action") == "/logout")
            ?? throw new InvalidOperationException($"No sign-out form on {page.Address} ({page.Status}): {page.Heading}");
        var values = form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>().Select(i => new KeyValuePair<string, string>(i.Name!, i.Value));
        return await FollowAsync(await _http.PostAsync("/logout", new FormUrlEncodedContent(values)));
    }

    private static IHtmlFormElement FindForm(Page page, string? handler)
    {
        var forms = page.Document.Forms.ToList();
        var form = handler is null
            ? forms.SingleOrDefault()
            : forms.FirstOrDefault(f => f.QuerySelector($"input[name=_handler][value='{handler}']") is not null);
        return form ?? throw new InvalidOperationException($"No form '{handler}' on {page.Address} ({page.Status}): {page.Heading}");
    }

    private async Task<Page> FollowAsync(HttpResponseMessage response)
    {
        for (var hops = 0; hops < 10 && (int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location; hops++)
        {
            var target = location.IsAbsoluteUri ? location : new Uri(_http.BaseAddress!, location);
            response.Dispose();
            response = await _http.GetAsync(target);
        }
        var html = await response.Content.ReadAsStringAsync();
        var address = response.RequestMessage?.RequestUri ?? _http.BaseAddress!;
        var status = response.StatusCode;
        response.Dispose();
        return new Page(status, address, Parser.ParseDocument(html), html);
    }

    public void Dispose() => _http.Dispose();
}
