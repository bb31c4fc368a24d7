from amicc.pages.tests.factories import make_document, make_news, make_publication


def test_home_renders(client, site_tree):
    make_news(site_tree.news_index, "Court marks anniversary")
    response = client.get("/")
    assert response.status_code == 200
    assert b"Court marks anniversary" in response.content


def test_pdf_text_search(client, site_tree):
    document = make_document("Guide", "Complementarity explained for congressional staffers")
    make_publication(site_tree.library, "An action guide", document=document)
    response = client.get("/search/", {"q": "staffers"})
    assert response.status_code == 200
    assert b"An action guide" in response.content
