from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator


def paginate(request, items, *, per_page: int = 20, count: int | None = None):
    """A page of `items`; a malformed or out-of-range page number falls back to a valid page.
    `count`: the number of items when the caller already knows it (no COUNT query then)."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count
    number = request.GET.get("page", "1")
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
