// Goal and observation entries, the catalog and units are part of this module's API.
@_exported import Normalize
