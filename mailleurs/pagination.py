from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator


def paginate(request, items, *, per_page: int = 20):
    """A page of `items`; a malformed or out-of-range page number falls back to a valid page."""
    paginator = Paginator(items, per_page)
    number = request.GET.get("page", "1")
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
