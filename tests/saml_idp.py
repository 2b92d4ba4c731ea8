"""A small SAML 2.0 identity provider for the tests.

It does what the association's identity provider does for the mentoring site:
reads the AuthnRequest that allauth sends (HTTP-Redirect binding), and answers
with a Response whose Assertion names the member (a persistent NameID),
carries the membership attributes, and is signed with the provider's key by
python3-saml's own signing helper (xmlsec). Every part a hostile test needs to
get wrong can be got wrong on purpose: the signing key, the audience, the
validity window, InResponseTo, or no signature at all.

The key pairs are made with ``cryptography`` once per test process.
"""

import base64
import datetime
import functools
import uuid
import zlib
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from lxml import etree
from onelogin.saml2.utils import OneLogin_Saml2_Utils

SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol"
SAML = "urn:oasis:names:tc:SAML:2.0:assertion"
XS = "http://www.w3.org/2001/XMLSchema"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer"
SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success"
BASIC = "urn:oasis:names:tc:SAML:2.0:attrname-format:basic"
PASSWORD_PROTECTED = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"


@dataclass(frozen=True)
class KeyPair:
    private_key: str  # PEM
    certificate: str  # PEM

    @property
    def x509cert(self):
        """The certificate as IdP metadata shows it: base64, no PEM armour."""
        lines = self.certificate.strip().splitlines()
        return "".join(line for line in lines if "CERTIFICATE" not in line)


@functools.cache
def key_pair(common_name):
    """An RSA key and a self-signed certificate, made once per name."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    return KeyPair(
        private_key=key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode(),
        certificate=certificate.public_bytes(serialization.Encoding.PEM).decode(),
    )


@dataclass(frozen=True)
class AuthnRequest:
    """What the identity provider reads from allauth's redirect."""

    id: str
    issuer: str
    acs_url: str
    relay_state: str | None


def read_authn_request(location):
    """Decode the HTTP-Redirect binding: SAMLRequest is deflated, then base64."""
    query = parse_qs(urlsplit(location).query)
    xml = zlib.decompress(base64.b64decode(query["SAMLRequest"][0]), -15)
    root = etree.fromstring(xml)
    assert root.tag == f"{{{SAMLP}}}AuthnRequest", root.tag
    return AuthnRequest(
        id=root.get("ID"),
        issuer=root.findtext(f"{{{SAML}}}Issuer"),
        acs_url=root.get("AssertionConsumerServiceURL"),
        relay_state=query.get("RelayState", [None])[0],
    )


def _instant(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _id():
    return f"_{uuid.uuid4().hex}"


def _sub(parent, namespace, tag, text=None, **attributes):
    element = etree.SubElement(parent, f"{{{namespace}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


@dataclass(frozen=True)
class IdentityProvider:
    entity_id: str
    sso_url: str
    keys: KeyPair

    def idp_settings(self):
        """The ``idp`` part of allauth's SAML app settings."""
        return {
            "entity_id": self.entity_id,
            "sso_url": self.sso_url,
            "x509cert": self.keys.x509cert,
        }

    def assertion(
        self,
        *,
        name_id,
        attributes,
        audience,
        recipient,
        in_response_to=None,
        issued_at=None,
        lifetime=datetime.timedelta(minutes=5),
    ):
        """An unsigned Assertion, as its own XML document."""
        issued_at = issued_at or datetime.datetime.now(datetime.UTC)
        not_on_or_after = _instant(issued_at + lifetime)
        assertion = etree.Element(
            f"{{{SAML}}}Assertion",
            {"ID": _id(), "Version": "2.0", "IssueInstant": _instant(issued_at)},
            nsmap={"saml": SAML, "xs": XS, "xsi": XSI},
        )
        _sub(assertion, SAML, "Issuer", self.entity_id)

        subject = _sub(assertion, SAML, "Subject")
        _sub(
            subject,
            SAML,
            "NameID",
            name_id,
            Format=PERSISTENT,
            NameQualifier=self.entity_id,
            SPNameQualifier=audience,
        )
        confirmation = _sub(subject, SAML, "SubjectConfirmation", Method=BEARER)
        data = {"NotOnOrAfter": not_on_or_after, "Recipient": recipient}
        if in_response_to:
            data["InResponseTo"] = in_response_to
        _sub(confirmation, SAML, "SubjectConfirmationData", **data)

        conditions = _sub(
            assertion,
            SAML,
            "Conditions",
            NotBefore=_instant(issued_at - datetime.timedelta(minutes=1)),
            NotOnOrAfter=not_on_or_after,
        )
        restriction = _sub(conditions, SAML, "AudienceRestriction")
        _sub(restriction, SAML, "Audience", audience)

        statement = _sub(
            assertion,
            SAML,
            "AuthnStatement",
            AuthnInstant=_instant(issued_at),
            SessionIndex=_id(),
        )
        context = _sub(statement, SAML, "AuthnContext")
        _sub(context, SAML, "AuthnContextClassRef", PASSWORD_PROTECTED)

        attribute_statement = _sub(assertion, SAML, "AttributeStatement")
        for name, values in attributes.items():
            attribute = _sub(
                attribute_statement, SAML, "Attribute", Name=name, NameFormat=BASIC
            )
            for value in values if isinstance(values, list | tuple) else [values]:
                element = _sub(attribute, SAML, "AttributeValue", str(value))
                element.set(f"{{{XSI}}}type", "xs:string")
        return assertion

    def response(
        self,
        *,
        name_id,
        attributes,
        audience,
        acs_url,
        in_response_to=None,
        issued_at=None,
        lifetime=datetime.timedelta(minutes=5),
        sign_assertion=True,
        sign_response=False,
        signing_keys=None,
    ):
        """A base64-encoded SAML Response, ready to POST as ``SAMLResponse``.

        ``in_response_to`` is the AuthnRequest's ID for an SP-initiated
        sign-in, None for an IdP-initiated one. ``signing_keys`` signs with
        another key than the one the site trusts.
        """
        keys = signing_keys or self.keys
        issued_at = issued_at or datetime.datetime.now(datetime.UTC)
        assertion = self.assertion(
            name_id=name_id,
            attributes=attributes,
            audience=audience,
            recipient=acs_url,
            in_response_to=in_response_to,
            issued_at=issued_at,
            lifetime=lifetime,
        )
        if sign_assertion:
            # Signed on its own, so the signature covers the Assertion (the
            # parent of the first Issuer) and nothing else.
            assertion = etree.fromstring(
                OneLogin_Saml2_Utils.add_sign(
                    etree.tostring(assertion), keys.private_key, keys.certificate
                )
            )

        attributes = {
            "ID": _id(),
            "Version": "2.0",
            "IssueInstant": _instant(issued_at),
            "Destination": acs_url,
        }
        if in_response_to:
            attributes["InResponseTo"] = in_response_to
        response = etree.Element(
            f"{{{SAMLP}}}Response", attributes, nsmap={"samlp": SAMLP, "saml": SAML}
        )
        _sub(response, SAML, "Issuer", self.entity_id)
        status = _sub(response, SAMLP, "Status")
        _sub(status, SAMLP, "StatusCode", Value=SUCCESS)
        response.append(assertion)

        xml = etree.tostring(response)
        if sign_response:
            xml = OneLogin_Saml2_Utils.add_sign(xml, keys.private_key, keys.certificate)
        return base64.b64encode(xml).decode()


def decode(saml_response):
    """The XML text of a base64-encoded response, to inspect or tamper with."""
    return base64.b64decode(saml_response).decode()


def encode(xml):
    return base64.b64encode(xml.encode()).decode()


def read_in_response_to(xml):
    """The Response's own InResponseTo (outside the Assertion's signature)."""
    return etree.fromstring(xml.encode()).get("InResponseTo")
