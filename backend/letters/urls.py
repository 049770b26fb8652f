from django.urls import path

from . import apis, verify_apis

urlpatterns = [
    path("letters/", apis.LetterListApi.as_view(), name="letter-list"),
    path("letters/<id:letter_id>/", apis.LetterDetailApi.as_view(), name="letter-detail"),
    path("letters/<id:letter_id>/pdf/", apis.LetterPdfApi.as_view(), name="letter-pdf"),
    path("letters/<id:letter_id>/revoke/", apis.LetterRevokeApi.as_view(), name="letter-revoke"),
    path(
        "letters/<id:letter_id>/reissue/",
        apis.LetterReissueApi.as_view(),
        name="letter-reissue",
    ),
    path("letters/<id:letter_id>/issue/", apis.LetterIssueApi.as_view(), name="letter-issue"),
    path(
        "organisations/<id:organisation_id>/letter-preview/",
        apis.LetterPreviewApi.as_view(),
        name="organisation-letter-preview",
    ),
    path("verify/<str:reference>/", verify_apis.VerifyApi.as_view(), name="letter-verify"),
]
